package flow

import "strings"

// frenchValidation translates the validation messages of SPEC §6.4, which
// the configuration service writes in English, for pages in French.
var frenchValidation = map[string]string{
	"Selected Account is not a valid option.":                                                        "Le compte choisi ne fait pas partie des comptes proposés.",
	"Selected customer not present in customer options.":                                             "Le client choisi ne fait pas partie des clients proposés.",
	"Selected supplier not present in supplier options.":                                             "Le fournisseur choisi ne fait pas partie des fournisseurs proposés.",
	"Selected tax rate not present in tax rate options.":                                             "Le taux de taxe choisi ne fait pas partie des taux proposés.",
	"Grouping period selected not from options.":                                                     "La période de regroupement choisie ne fait pas partie des options proposées.",
	"Invalid invoice level grouping selected.":                                                       "Le regroupement choisi pour les factures n'est pas valide.",
	"Invalid invoice line level grouping selected.":                                                  "Le regroupement choisi pour les lignes de facture n'est pas valide.",
	"Invalid invoice status selected (must be submitted or draft).":                                  "Le statut de facture choisi n'est pas valide (Brouillon ou Soumise).",
	"Selected frequency not in frequency options.":                                                   "La fréquence choisie ne fait pas partie des fréquences proposées.",
	"Sync hour must be between 0 and 23.":                                                            "L'heure de synchronisation doit être comprise entre 0 et 23.",
	"Start date is not a valid date.":                                                                "La date de début n'est pas une date valide.",
	"Output format cannot be changed after the first configuration.":                                 "Le format de sortie ne peut plus être modifié après la première configuration.",
	"Company needs to have two valid data connections.":                                              "L'entreprise doit avoir deux connexions valides.",
	"No Sales Account Present":                                                                       "Aucun compte de produits n'existe pour les ventes.",
	"No sales customer has been configured.":                                                         "Aucun client n'a été choisi pour les ventes.",
	"No selected invoice status.":                                                                    "Aucun statut de facture n'a été choisi.",
	"No grouping period selected.":                                                                   "Aucune période de regroupement n'a été choisie.",
	"No schedule selected frequency.":                                                                "Aucune fréquence de synchronisation n'a été choisie.",
	"No start date selected.":                                                                        "Aucune date de début n'a été choisie.",
	"Config contains required accounts without selections.":                                          "Ce compte est obligatoire.",
	"Tax rate is missing selected tax rate id.":                                                      "Choisissez un taux de taxe.",
	"No fees supplier has been configured.":                                                          "Aucun fournisseur n'a été choisi pour les frais.",
	"Sales must be synced to sync payments.":                                                         "Les ventes doivent être synchronisées pour synchroniser les paiements.",
	"Payments cannot be synced while invoice status is Draft.":                                       "Les paiements ne peuvent pas être synchronisés tant que les factures sont au statut Brouillon.",
	"To sync fees: Payments section needs to exist; Payments account id needs to be set":             "Pour synchroniser les frais, les paiements doivent être synchronisés et leur compte Carte choisi.",
	"Accounts config invalid. Prepaid account in Sales should not match PrepaidPayment in Payments.": "Le compte Prépayé des ventes doit être différent du compte Paiement prépayé des paiements.",
	"Payments config invalid. Card account should not match Payout account.":                         "Le compte Carte doit être différent du compte Versement.",
}

// frenchPatterns translate the messages that name a value, marked %s.
var frenchPatterns = [][2]string{
	{"Selected tax rate id for %s% tax-rate has no options.", "Le taux de taxe choisi pour %s % ne fait pas partie des taux proposés."},
	{"Unknown account type '%s'.", "Type de compte inconnu : « %s »."},
	{"Unknown time zone '%s'.", "Fuseau horaire inconnu : « %s »."},
	{"Unknown output format '%s'.", "Format de sortie inconnu : « %s »."},
	{"Commerce tax rate '%s' is mapped more than once.", "La taxe « %s » est associée à plusieurs taux."},
	{"Field %s has the wrong type.", "Le champ %s n'a pas le bon type."},
}

// translateValidation returns a validation message in the page's
// language; a message without a translation is shown as written.
func translateValidation(locale, message string) string {
	if locale != "fr-fr" {
		return message
	}
	if fr, ok := frenchValidation[message]; ok {
		return fr
	}
	for _, p := range frenchPatterns {
		prefix, suffix, _ := strings.Cut(p[0], "%s")
		if len(message) > len(prefix)+len(suffix) && strings.HasPrefix(message, prefix) && strings.HasSuffix(message, suffix) {
			return strings.Replace(p[1], "%s", message[len(prefix):len(message)-len(suffix)], 1)
		}
	}
	return message
}
