package ledgersync

import (
	"sort"
	"strconv"
	"strings"
)

// UITextPrefix starts every customisable text key of the flow.
const UITextPrefix = "configure-"

// uiText is one customisable text with its defaults.
type uiText struct {
	en, fr   string
	optional bool
}

// uiTexts are the flow's customisable texts (SPEC §5.3), by key without
// the prefix. {commerce} is the partner's name, {accounting} the
// platform's.
var uiTexts = func() map[string]uiText {
	m := map[string]uiText{
		"setupSidebar-title":                             {en: "Set up Sync to {accounting}", fr: "Configurer la synchronisation avec {accounting}"},
		"setupSidebar-checkboxes-connectToCommerce":      {en: "Connect to {commerce}", fr: "Se connecter à {commerce}"},
		"setupSidebar-checkboxes-connectToAccounting":    {en: "Connect to {accounting}", fr: "Se connecter à {accounting}"},
		"setupSidebar-checkboxes-sales":                  {en: "Set up sales", fr: "Configurer les ventes"},
		"setupSidebar-checkboxes-fees":                   {en: "Set up fees", fr: "Configurer les frais"},
		"setupSidebar-checkboxes-payments":               {en: "Set up payments", fr: "Configurer les paiements"},
		"setupSidebar-checkboxes-syncSchedule":           {en: "Set up sync schedule", fr: "Configurer le calendrier de synchronisation"},
		"misc-previousButton":                            {en: "Previous", fr: "Précédent"},
		"misc-nextButton":                                {en: "Next", fr: "Suivant"},
		"required-indicator":                             {en: "Indicates a required field", fr: "Indique un champ obligatoire", optional: true},
		"content-sales-title":                            {en: "Sales", fr: "Ventes"},
		"content-fees-title":                             {en: "Fees", fr: "Frais"},
		"content-payments-title":                         {en: "Payments", fr: "Paiements"},
		"content-sales-description":                      {optional: true},
		"content-fees-description":                       {optional: true},
		"content-payments-description":                   {optional: true},
		"content-sales-accounts-title":                   {en: "Accounts", fr: "Comptes"},
		"content-fees-accounts-title":                    {en: "Accounts", fr: "Comptes"},
		"content-sales-accounts-description":             {en: "Configure accounts mapping from {commerce} to {accounting}.", fr: "Associez les comptes de {commerce} à ceux de {accounting}.", optional: true},
		"content-fees-accounts-description":              {en: "Configure accounts mapping from {commerce} to {accounting}.", fr: "Associez les comptes de {commerce} à ceux de {accounting}.", optional: true},
		"content-sales-taxRates-title":                   {en: "Tax rates", fr: "Taux de taxe"},
		"content-sales-taxRates-description":             {en: "Configure tax rates mapping from {commerce} to {accounting}.", fr: "Associez les taux de taxe de {commerce} à ceux de {accounting}.", optional: true},
		"content-sales-other-title":                      {en: "Other", fr: "Autres"},
		"content-sales-other-description":                {optional: true},
		"content-sales-other-entries-invoiceStatus":      {en: "Invoice status", fr: "Statut des factures"},
		"content-sales-other-entries-groupingPeriod":     {en: "Grouping period", fr: "Période de regroupement"},
		"content-sales-accounts-entries-sales":           {en: "Sales", fr: "Ventes"},
		"content-sales-accounts-entries-refund":          {en: "Refunds", fr: "Remboursements"},
		"content-sales-accounts-entries-gratuity":        {en: "Gratuity", fr: "Pourboires"},
		"content-sales-accounts-entries-prepaid":         {en: "Prepaid", fr: "Prépayé"},
		"content-sales-accounts-entries-sales-other":     {en: "Other sales", fr: "Autres ventes"},
		"content-fees-accounts-entries-paymentFee":       {en: "Payment fee", fr: "Frais de paiement"},
		"content-fees-accounts-entries-paymentFeeRefund": {en: "Payment fee refund", fr: "Remboursement de frais de paiement"},
		"content-fees-accounts-entries-loan":             {en: "Loan", fr: "Prêt"},
		"content-fees-accounts-entries-loanPayment":      {en: "Loan payment", fr: "Remboursement de prêt"},
		"content-fees-accounts-entries-loanFee":          {en: "Loan fee", fr: "Frais de prêt"},
		"content-fees-accounts-entries-cashback":         {en: "Cashback", fr: "Remise en argent"},
	}
	for _, n := range []int{0, 5, 10, 15, 20} {
		m["content-sales-accounts-taxRates-entries-"+strconv.Itoa(n)] = uiText{
			en: strconv.Itoa(n) + "% tax rate", fr: "Taux de taxe " + strconv.Itoa(n) + " %"}
	}
	payments := [][3]string{{"card", "Card", "Carte"}, {"cash", "Cash", "Espèces"}, {"invoice", "Invoice", "Facture"},
		{"onlineCard", "Online card", "Carte en ligne"}, {"payout", "Payout", "Versement"}, {"custom", "Custom", "Personnalisé"},
		{"storeCredit", "Store credit", "Avoir"}, {"paypal", "PayPal", "PayPal"}, {"paypalQr", "PayPal QR", "PayPal QR"},
		{"mobile", "Mobile", "Mobile"}, {"vipps", "Vipps", "Vipps"}, {"swish", "Swish", "Swish"},
		{"prepaidPayment", "Prepaid payment", "Paiement prépayé"}, {"manual", "Manual", "Manuel"}}
	for _, p := range payments {
		m["content-payments-accounts-entries-"+p[0]] = uiText{en: p[1], fr: p[2]}
	}
	return m
}()

// uiTextAliases are other spellings accepted on input.
var uiTextAliases = map[string]string{"setupSidebar=checkboxes-syncSchedule": "setupSidebar-checkboxes-syncSchedule"}

// Locales of the flow and its texts.
var Locales = []string{"en-us", "fr-fr"}

// UITextKeys lists every text key, with its prefix, in order.
func UITextKeys() []string {
	keys := make([]string, 0, len(uiTexts))
	for k := range uiTexts {
		keys = append(keys, UITextPrefix+k)
	}
	sort.Strings(keys)
	return keys
}

// UITextKey resolves a key as a client may send it (prefix optional,
// aliases accepted) to its canonical form, or reports it unknown.
func UITextKey(key string) (string, bool) {
	k := strings.TrimPrefix(key, UITextPrefix)
	if alias, ok := uiTextAliases[k]; ok {
		k = alias
	}
	_, ok := uiTexts[k]
	return UITextPrefix + k, ok
}

// UITextDefault returns a key's default text in a locale.
func UITextDefault(key, locale string) string {
	t := uiTexts[strings.TrimPrefix(key, UITextPrefix)]
	if locale == "fr-fr" {
		return t.fr
	}
	return t.en
}

// UITextRequired reports whether a key's text may not be blanked.
func UITextRequired(key string) bool { return !uiTexts[strings.TrimPrefix(key, UITextPrefix)].optional }

// ValidLocale reports whether locale is one of the flow's, and returns it
// in canonical (lower) case.
func ValidLocale(locale string) (string, bool) {
	l := strings.ToLower(locale)
	for _, x := range Locales {
		if l == x {
			return l, true
		}
	}
	return "", false
}
