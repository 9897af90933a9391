package flow

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
)

func TestMessagesExistInBothLocales(t *testing.T) {
	t.Parallel()
	for _, pair := range [][2]string{{"en-us", "fr-fr"}, {"fr-fr", "en-us"}} {
		for key := range messages[pair[0]] {
			if _, ok := messages[pair[1]][key]; !ok {
				t.Errorf("%s has %q, %s does not", pair[0], key, pair[1])
			}
		}
	}
}

// usedKeys finds the message keys the flow's code and templates name.
func usedKeys(t *testing.T) map[string]bool {
	namespaces := map[string]bool{}
	for key := range messages["en-us"] {
		ns, _, _ := strings.Cut(key, ".")
		namespaces[ns] = true
	}
	literal := regexp.MustCompile(`"([a-z]+)\.([A-Za-z.]+)"`)
	keys := map[string]bool{}
	files, _ := filepath.Glob("*.go")
	_ = fs.WalkDir(templateFiles, "templates", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return nil
	})
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			if namespaces[m[1]] {
				keys[m[1]+"."+m[2]] = true
			}
		}
	}
	return keys
}

// builtKeys are the keys made from a prefix and a value.
func builtKeys() []string {
	keys := []string{"format.Invoice", "format.JournalEntry", "period.Daily", "step.format", "step.finish", "done.title", "done.body"}
	for _, s := range ledgersync.InvoiceStatuses {
		keys = append(keys, "invoiceStatus."+string(s))
	}
	for _, f := range ledgersync.SyncFrequencies {
		keys = append(keys, "frequency."+string(f))
	}
	for _, a := range accountTypes {
		keys = append(keys, "type."+string(a))
	}
	for _, s := range []ledgersync.ConnectionStatus{ledgersync.StatusPendingAuth, ledgersync.StatusLinked,
		ledgersync.StatusDeauthorized, ledgersync.StatusUnlinked} {
		keys = append(keys, "connection."+string(s))
	}
	return keys
}

func TestEveryMessageUsedIsWritten(t *testing.T) {
	t.Parallel()
	keys := usedKeys(t)
	if len(keys) < 50 {
		t.Fatalf("only %d keys found", len(keys))
	}
	for _, k := range builtKeys() {
		keys[k] = true
	}
	for key := range keys {
		for _, locale := range locales {
			if _, ok := messages[locale][key]; !ok {
				t.Errorf("%s lacks %q", locale, key)
			}
		}
	}
}

func TestValidationMessagesInFrench(t *testing.T) {
	t.Parallel()
	for en, fr := range map[string]string{
		"Selected Account is not a valid option.":                 "Le compte choisi ne fait pas partie des comptes proposés.",
		"Unknown time zone 'Mars/Olympus'.":                       "Fuseau horaire inconnu : « Mars/Olympus ».",
		"Selected tax rate id for 17.5% tax-rate has no options.": "Le taux de taxe choisi pour 17.5 % ne fait pas partie des taux proposés.",
		"A message nobody translated.":                            "A message nobody translated.",
	} {
		if got := translateValidation("fr-fr", en); got != fr {
			t.Errorf("%q in French: %q, want %q", en, got, fr)
		}
		if got := translateValidation("en-us", en); got != en {
			t.Errorf("%q in English: %q", en, got)
		}
	}
}
