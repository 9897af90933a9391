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
		"landing.title":   "Connected",
		"landing.body":    "%s is connected to %s.",
		"main.label":      "Set up sync",
		"skip.link":       "Skip to content",
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
		"landing.title":   "Connecté",
		"landing.body":    "%s est connecté à %s.",
		"main.label":      "Configurer la synchronisation",
		"skip.link":       "Aller au contenu",
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
