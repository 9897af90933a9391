package flow

import (
	"fmt"
	"net/http"
	"strings"
)

// Locales of the flow; the first is the default.
var locales = []string{"en-us", "fr-fr"}

// messages holds every text of the flow's own pages, by locale.
var messages = map[string]map[string]string{
	"en-us": {
		"lang.name":       "English",
		"lang.switch":     "Français",
		"expired.title":   "This link has expired",
		"expired.body":    "This link has expired. Go back to %s and open the sync again.",
		"wrongcode.title": "This link is not valid",
		"wrongcode.body":  "The code in this link is not valid. Go back to %s and open the sync again.",
		"limited.title":   "Too many attempts",
		"limited.body":    "Too many attempts. Wait a minute, then go back to %s and open the sync again.",
		"session.title":   "Your session has ended",
		"session.body":    "Your session has ended. Go back to %s and open the sync again.",
		"forbidden.title": "Not available",
		"forbidden.body":  "This page belongs to another business. Go back to %s and open the sync again.",
		"error.title":     "Something went wrong",
		"error.body":      "Something went wrong on our side. Please try again in a moment.",
		"continue.title":  "Set up your accounting sync",
		"continue.body":   "%s will send your sales to your accounting software.",
		"continue.button": "Continue",
		"connect.title":   "Connect to %s",
		"connect.body":    "Sign in to %s and allow access, so that your sales, payments and fees can be written to your books.",
		"connect.button":  "Connect to %s",
		"connect.failed":  "The connection to %s did not complete: %s. You can try again.",
		"connect.denied":  "access was not granted",
		"done.title":      "You're all set",
		"done.body":       "Your sales will now sync to your accounting software. You can close this page and go back to %s.",
		"main.label":      "Set up sync",
		"skip.link":       "Skip to content",

		// Configuration pages.
		"problems.title":           "There is a problem",
		"problems.separator":       ": ",
		"problems.changed":         "These settings were changed elsewhere in the meantime. Check them and save again.",
		"choice.unavailable":       "%s (no longer available)",
		"choose.account":           "Choose an account",
		"choose.option":            "Choose an option",
		"choose.customer":          "Choose a customer",
		"choose.supplier":          "Choose a supplier",
		"choose.taxRate":           "Choose a tax rate",
		"steps.label":              "Setup steps",
		"steps.done":               "done",
		"step.format":              "Choose the output format",
		"step.finish":              "Review and finish",
		"finish.button":            "Finish",
		"format.title":             "Output format",
		"format.label":             "What should each day's sales become in {accounting}?",
		"format.Invoice":           "Daily sales invoice",
		"format.JournalEntry":      "Daily journal entry",
		"format.locked":            "The output format is chosen once and cannot be changed.",
		"sales.sync":               "Sync sales",
		"sales.customer":           "Customer for sales invoices",
		"invoiceStatus.Draft":      "Draft",
		"invoiceStatus.Submitted":  "Submitted",
		"period.Daily":             "Daily",
		"tax.rate":                 "%s%% tax rate",
		"tax.zero":                 "Rate for untaxed sales",
		"tax.zero.hint":            "Used for untaxed lines, gratuity, prepaid sales and rounding.",
		"tax.components":           "Taxes from {commerce}",
		"tax.components.hint":      "Choose the {accounting} tax rate each tax maps to.",
		"fees.sync":                "Sync fees",
		"fees.supplier":            "Supplier for fees",
		"payments.sync":            "Sync payments",
		"payments.accounts":        "Accounts",
		"schedule.title":           "Sync schedule",
		"schedule.start":           "Start date",
		"schedule.start.hint":      "Sales from this date on are synced. It may be in the past.",
		"schedule.zone":            "Time zone",
		"schedule.zone.hint":       "For example Europe/London.",
		"schedule.hour":            "Sync hour",
		"schedule.hour.hint":       "A business day ends at this hour, and is synced then.",
		"schedule.frequency":       "Frequency",
		"frequency.Daily":          "Daily",
		"frequency.Monthly":        "Monthly",
		"account.create":           "Create new account…",
		"account.title":            "Create a new account",
		"account.for":              "The new account will be selected for: %s.",
		"account.name":             "Account name",
		"account.code":             "Account code",
		"account.code.hint":        "Up to %d characters, unique in your chart of accounts.",
		"account.type":             "Account type",
		"account.button":           "Create account",
		"account.cancel":           "Cancel",
		"account.name.invalid":     "Enter a name of 1 to %d characters.",
		"account.code.invalid":     "Enter a code of 1 to %d characters.",
		"account.type.invalid":     "Choose one of the account types offered.",
		"account.refused":          "%s did not create the account: %s",
		"type.Income":              "Income",
		"type.Expense":             "Expense",
		"type.Bank":                "Bank",
		"type.Asset":               "Asset",
		"type.Liability":           "Liability",
		"type.Equity":              "Equity",
		"settings.heading":         "%s ↔ %s",
		"settings.headingCompany":  "%s ↔ %s: %s",
		"settings.connection":      "Connection:",
		"settings.saved":           "Your changes are saved.",
		"settings.save":            "Save",
		"settings.sync":            "Sync",
		"settings.enabled":         "Sync enabled",
		"settings.on":              "On",
		"settings.off":             "Off",
		"settings.lastSync":        "Last sync",
		"settings.nextSync":        "Next sync",
		"settings.notYet":          "Not yet",
		"settings.reconnectToEdit": "Reconnect to %s to change sales, fees and payments.",
		"connection.Linked":        "Connected",
		"connection.PendingAuth":   "Not connected yet",
		"connection.Deauthorized":  "Access expired",
		"connection.Unlinked":      "Disconnected",
		"history.title":            "History",
		"history.empty":            "No syncs yet.",
		"history.running":          "Running",
		"history.success":          "Success",
		"history.nothing":          "Nothing to sync",
		"history.skipped":          "Skipped",
		"history.failed":           "Failed",
		"history.typeScheduled":    "Scheduled",
		"history.typeLatest":       "Manual",
		"history.typeHistoric":     "Date range",
		"history.period":           "Period",
		"history.type":             "Type",
		"history.status":           "Status",
		"reconnect.title":          "%s is not connected",
		"reconnect.body":           "Your settings are kept, but nothing syncs until you reconnect to %s.",
		"reconnect.button":         "Reconnect to %s",
		"disconnect.title":         "Connection to %s",
		"disconnect.summary":       "Stop syncing to %s. Your settings are kept.",
		"disconnect.button":        "Disconnect %s",
		"disconnect.confirmTitle":  "Disconnect %s?",
		"disconnect.body":          "Access to %s is revoked and syncing stops. Your settings and data are kept: reconnect at any time to resume.",
		"disconnect.cancel":        "Cancel",
	},
	"fr-fr": {
		"lang.name":       "Français",
		"lang.switch":     "English",
		"expired.title":   "Ce lien a expiré",
		"expired.body":    "Ce lien a expiré. Retournez sur %s et ouvrez de nouveau la synchronisation.",
		"wrongcode.title": "Ce lien n'est pas valide",
		"wrongcode.body":  "Le code de ce lien n'est pas valide. Retournez sur %s et ouvrez de nouveau la synchronisation.",
		"limited.title":   "Trop de tentatives",
		"limited.body":    "Trop de tentatives. Patientez une minute, puis retournez sur %s et ouvrez de nouveau la synchronisation.",
		"session.title":   "Votre session est terminée",
		"session.body":    "Votre session est terminée. Retournez sur %s et ouvrez de nouveau la synchronisation.",
		"forbidden.title": "Page indisponible",
		"forbidden.body":  "Cette page appartient à une autre entreprise. Retournez sur %s et ouvrez de nouveau la synchronisation.",
		"error.title":     "Une erreur est survenue",
		"error.body":      "Une erreur est survenue de notre côté. Réessayez dans un instant.",
		"continue.title":  "Configurer la synchronisation comptable",
		"continue.body":   "%s enverra vos ventes à votre logiciel de comptabilité.",
		"continue.button": "Continuer",
		"connect.title":   "Se connecter à %s",
		"connect.body":    "Connectez-vous à %s et autorisez l'accès, pour que vos ventes, paiements et frais soient inscrits dans vos comptes.",
		"connect.button":  "Se connecter à %s",
		"connect.failed":  "La connexion à %s n'a pas abouti : %s. Vous pouvez réessayer.",
		"connect.denied":  "l'accès n'a pas été accordé",
		"done.title":      "Tout est prêt",
		"done.body":       "Vos ventes seront désormais synchronisées avec votre logiciel de comptabilité. Vous pouvez fermer cette page et retourner sur %s.",
		"main.label":      "Configurer la synchronisation",
		"skip.link":       "Aller au contenu",

		// Pages de configuration.
		"problems.title":           "Un problème est survenu",
		"problems.separator":       " : ",
		"problems.changed":         "Ces réglages ont été modifiés ailleurs entre-temps. Vérifiez-les et enregistrez de nouveau.",
		"choice.unavailable":       "%s (n'est plus disponible)",
		"choose.account":           "Choisissez un compte",
		"choose.option":            "Choisissez une option",
		"choose.customer":          "Choisissez un client",
		"choose.supplier":          "Choisissez un fournisseur",
		"choose.taxRate":           "Choisissez un taux de taxe",
		"steps.label":              "Étapes de la configuration",
		"steps.done":               "terminé",
		"step.format":              "Choisir le format de sortie",
		"step.finish":              "Vérifier et terminer",
		"finish.button":            "Terminer",
		"format.title":             "Format de sortie",
		"format.label":             "Que doivent devenir les ventes de chaque jour dans {accounting} ?",
		"format.Invoice":           "Facture de ventes quotidienne",
		"format.JournalEntry":      "Écriture de journal quotidienne",
		"format.locked":            "Le format de sortie se choisit une seule fois et ne peut plus être modifié.",
		"sales.sync":               "Synchroniser les ventes",
		"sales.customer":           "Client des factures de ventes",
		"invoiceStatus.Draft":      "Brouillon",
		"invoiceStatus.Submitted":  "Soumise",
		"period.Daily":             "Quotidienne",
		"tax.rate":                 "Taux de taxe %s %%",
		"tax.zero":                 "Taux des ventes non taxées",
		"tax.zero.hint":            "Utilisé pour les lignes non taxées, les pourboires, les ventes prépayées et les arrondis.",
		"tax.components":           "Taxes de {commerce}",
		"tax.components.hint":      "Choisissez le taux de taxe de {accounting} associé à chaque taxe.",
		"fees.sync":                "Synchroniser les frais",
		"fees.supplier":            "Fournisseur des frais",
		"payments.sync":            "Synchroniser les paiements",
		"payments.accounts":        "Comptes",
		"schedule.title":           "Calendrier de synchronisation",
		"schedule.start":           "Date de début",
		"schedule.start.hint":      "Les ventes à partir de cette date sont synchronisées. Elle peut être passée.",
		"schedule.zone":            "Fuseau horaire",
		"schedule.zone.hint":       "Par exemple Europe/Paris.",
		"schedule.hour":            "Heure de synchronisation",
		"schedule.hour.hint":       "Une journée d'activité se termine à cette heure, et elle est alors synchronisée.",
		"schedule.frequency":       "Fréquence",
		"frequency.Daily":          "Quotidienne",
		"frequency.Monthly":        "Mensuelle",
		"account.create":           "Créer un compte…",
		"account.title":            "Créer un compte",
		"account.for":              "Le nouveau compte sera choisi pour : %s.",
		"account.name":             "Nom du compte",
		"account.code":             "Code du compte",
		"account.code.hint":        "%d caractères au plus, unique dans votre plan comptable.",
		"account.type":             "Type de compte",
		"account.button":           "Créer le compte",
		"account.cancel":           "Annuler",
		"account.name.invalid":     "Saisissez un nom de 1 à %d caractères.",
		"account.code.invalid":     "Saisissez un code de 1 à %d caractères.",
		"account.type.invalid":     "Choisissez l'un des types de compte proposés.",
		"account.refused":          "%s n'a pas créé le compte : %s",
		"type.Income":              "Produits",
		"type.Expense":             "Charges",
		"type.Bank":                "Banque",
		"type.Asset":               "Actif",
		"type.Liability":           "Passif",
		"type.Equity":              "Capitaux propres",
		"settings.heading":         "%s ↔ %s",
		"settings.headingCompany":  "%s ↔ %s : %s",
		"settings.connection":      "Connexion :",
		"settings.saved":           "Vos modifications sont enregistrées.",
		"settings.save":            "Enregistrer",
		"settings.sync":            "Synchronisation",
		"settings.enabled":         "Synchronisation activée",
		"settings.on":              "Activée",
		"settings.off":             "Désactivée",
		"settings.lastSync":        "Dernière synchronisation",
		"settings.nextSync":        "Prochaine synchronisation",
		"settings.notYet":          "Pas encore",
		"settings.reconnectToEdit": "Reconnectez-vous à %s pour modifier les ventes, les frais et les paiements.",
		"connection.Linked":        "Connecté",
		"connection.PendingAuth":   "Pas encore connecté",
		"connection.Deauthorized":  "Accès expiré",
		"connection.Unlinked":      "Déconnecté",
		"history.title":            "Historique",
		"history.empty":            "Aucune synchronisation pour le moment.",
		"history.running":          "En cours",
		"history.success":          "Réussie",
		"history.nothing":          "Rien à synchroniser",
		"history.skipped":          "Ignorée",
		"history.failed":           "Échouée",
		"history.typeScheduled":    "Planifiée",
		"history.typeLatest":       "Manuelle",
		"history.typeHistoric":     "Période choisie",
		"history.period":           "Période",
		"history.type":             "Type",
		"history.status":           "Statut",
		"reconnect.title":          "%s n'est pas connecté",
		"reconnect.body":           "Vos réglages sont conservés, mais rien n'est synchronisé tant que vous ne vous reconnectez pas à %s.",
		"reconnect.button":         "Se reconnecter à %s",
		"disconnect.title":         "Connexion à %s",
		"disconnect.summary":       "Arrêter la synchronisation avec %s. Vos réglages sont conservés.",
		"disconnect.button":        "Déconnecter %s",
		"disconnect.confirmTitle":  "Déconnecter %s ?",
		"disconnect.body":          "L'accès à %s est révoqué et la synchronisation s'arrête. Vos réglages et vos données sont conservés : reconnectez-vous à tout moment pour reprendre.",
		"disconnect.cancel":        "Annuler",
	},
}

// translate returns the text of a key in a locale, formatted with args;
// a key missing in French falls back to English.
func translate(locale, key string, args ...any) string {
	text, ok := messages[locale][key]
	if !ok {
		text, ok = messages["en-us"][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return text
	}
	return fmt.Sprintf(text, args...)
}

// chooseLocale picks the page's language: an explicit choice, else the
// session's, else the browser's Accept-Language, else English.
func chooseLocale(r *http.Request, sessionLocale string) string {
	if l := normalLocale(r.URL.Query().Get("lang")); l != "" {
		return l
	}
	if l := normalLocale(sessionLocale); l != "" {
		return l
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if l := normalLocale(tag); l != "" {
			return l
		}
	}
	return locales[0]
}

// normalLocale maps a language tag to a supported locale, or "".
func normalLocale(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	switch {
	case tag == "":
		return ""
	case strings.HasPrefix(tag, "fr"):
		return "fr-fr"
	case strings.HasPrefix(tag, "en"):
		return "en-us"
	}
	return ""
}
