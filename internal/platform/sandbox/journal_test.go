package sandbox

import "testing"

func TestManualJournals(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		_, tok := h.newOrg(t)
		// Card takings of 120.00: 100.00 of sales and 20.00 of VAT.
		journal := `{"Narration":"Card takings 2024-03-05","Date":"2024-03-05","Status":"POSTED","JournalLines":[
			{"LineAmount":120,"AccountCode":"1200"},
			{"LineAmount":-100,"AccountCode":"4000","TaxType":"tr-20","TaxAmount":-20}]}`
		status, body := h.api(t, tok, "PUT", "/ManualJournals", journal)
		mj := first(t, status, body, "ManualJournals")
		checkFields(t, mj, map[string]any{"Status": "POSTED", "Narration": "Card takings 2024-03-05"})
		status, body = h.api(t, tok, "GET", "/ManualJournals/"+mj["ManualJournalID"].(string), "")
		first(t, status, body, "ManualJournals")
		checkRefusals(t, h, tok, "/ManualJournals", []refusal{
			{"does not balance", `{"Narration":"x","JournalLines":[{"LineAmount":120,"AccountCode":"1200"},{"LineAmount":-100,"AccountCode":"4000"}]}`,
				"The journal does not balance: debits 120.00, credits 100.00."},
			{"tax computed on exclusive lines", `{"Narration":"x","LineAmountTypes":"Exclusive","JournalLines":[
				{"LineAmount":100,"AccountCode":"1200"},{"LineAmount":-100,"AccountCode":"4000","TaxType":"tr-20"}]}`,
				"The journal does not balance: debits 100.00, credits 120.00."},
			{"archived account", `{"Narration":"x","JournalLines":[{"LineAmount":1,"AccountCode":"4999"},{"LineAmount":-1,"AccountCode":"4000"}]}`,
				`Line 1: account "Old sales" (4999) is archived.`},
			{"one line", `{"Narration":"x","JournalLines":[{"LineAmount":1,"AccountCode":"4000"}]}`, "at least two lines"},
			{"no narration", `{"JournalLines":[{"LineAmount":1,"AccountCode":"1200"},{"LineAmount":-1,"AccountCode":"4000"}]}`, "Narration is required."},
		})
	})
}
