package api_test

import (
	"net/http"
	"testing"
)

type uiTexts map[string]struct {
	Text     *string `json:"text"`
	Required bool    `json:"required"`
}

func TestUIText(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		var en, fr uiTexts
		h.do("GET", "/sync/commerce/config/ui/text?locale=en-us", h.a, nil).want(http.StatusOK).decode(&en)
		h.do("GET", "/sync/commerce/config/ui/text?locale=fr-fr", h.a, nil).want(http.StatusOK).decode(&fr)
		title := "configure-setupSidebar-title"
		if len(en) != 56 || *en[title].Text != "Set up Sync to {accounting}" || !en[title].Required {
			t.Fatalf("en: %d keys, title %+v", len(en), en[title])
		}
		if *fr["configure-content-payments-accounts-entries-cash"].Text != "Espèces" {
			t.Fatalf("fr cash: %v", fr["configure-content-payments-accounts-entries-cash"])
		}
		if d := en["configure-content-sales-description"]; d.Text != nil || d.Required {
			t.Fatalf("empty optional description: %+v", d)
		}
		if *en["configure-content-sales-accounts-taxRates-entries-15"].Text != "15% tax rate" {
			t.Fatal("tax rate entries show their own rate")
		}

		var got uiTexts
		h.do("PATCH", "/sync/commerce/config/ui/text?locale=en-us", h.a, map[string]any{
			"configure-misc-nextButton":            "Continue",
			"configure-required-indicator":         "",
			"setupSidebar=checkboxes-syncSchedule": map[string]string{"text": "Pick a schedule"},
		}).want(http.StatusOK).decode(&got)
		if *got["configure-misc-nextButton"].Text != "Continue" || *got["configure-required-indicator"].Text != "" ||
			*got["configure-setupSidebar-checkboxes-syncSchedule"].Text != "Pick a schedule" {
			t.Fatalf("after PATCH: %+v %+v", got["configure-misc-nextButton"], got["configure-required-indicator"])
		}
		h.do("GET", "/sync/commerce/config/ui/text?locale=fr-fr", h.a, nil).want(http.StatusOK).decode(&fr)
		if *fr["configure-misc-nextButton"].Text != "Suivant" {
			t.Fatal("an en-us override changed fr-fr")
		}
		h.do("GET", "/sync/commerce/config/ui/text?locale=en-us", h.b, nil).want(http.StatusOK).decode(&got)
		if *got["configure-misc-nextButton"].Text != "Next" {
			t.Fatal("client A's override shows for client B")
		}
		h.do("PATCH", "/sync/commerce/config/ui/text?locale=en-us", h.a, `{"configure-misc-nextButton": null}`).want(http.StatusOK).decode(&got)
		if *got["configure-misc-nextButton"].Text != "Next" {
			t.Fatal("null did not reset")
		}

		for name, c := range map[string]struct {
			path string
			body any
			msg  string
		}{
			"blank required": {"/sync/commerce/config/ui/text?locale=en-us", `{"configure-misc-nextButton": ""}`, "Text for configure-misc-nextButton is required"},
			"unknown key":    {"/sync/commerce/config/ui/text?locale=en-us", `{"configure-nope": "x"}`, "Unknown text key configure-nope."},
			"no locale":      {"/sync/commerce/config/ui/text", `{}`, "locale must be en-us or fr-fr."},
			"bad locale":     {"/sync/commerce/config/ui/text?locale=de-de", `{}`, "locale must be en-us or fr-fr."},
		} {
			if e := h.do("PATCH", c.path, h.a, c.body).want(http.StatusBadRequest).object(); e["error"] != c.msg {
				t.Errorf("%s: %v", name, e["error"])
			}
		}
		h.do("GET", "/sync/commerce/config/ui/text", h.a, nil).want(http.StatusBadRequest)
	})
}
