package ledgersync

import (
	"strings"
	"time"
	"unicode"
)

// Company is a merchant of a client. It owns its connections, its sync
// configuration, its pushed commerce data and its syncs.
type Company struct {
	ID                 string
	ClientID           string
	Name               string
	Description        string
	MerchantIdentifier string
	Tags               map[string]string
	Created            time.Time
	LastSync           *time.Time
	Connections        []*Connection
}

// CompanyCreate is what a client sends to create a company.
type CompanyCreate struct {
	Name               string
	Description        string
	MerchantIdentifier string
	Tags               map[string]string
}

// Limits on company fields.
const (
	MaxCompanyNameLength        = 100
	MaxMerchantIdentifierLength = 200
	MaxTags                     = 10
	MaxTagKeyLength             = 27
	MaxTagValueLength           = 100
)

// Validate checks a company before it is created.
func (c *CompanyCreate) Validate() error {
	if err := ValidateCompanyName(c.Name); err != nil {
		return err
	}
	if len([]rune(c.MerchantIdentifier)) > MaxMerchantIdentifierLength {
		return FieldError("merchantIdentifier", "merchantIdentifier must be at most %d characters.", MaxMerchantIdentifierLength)
	}
	if len(c.Tags) > MaxTags {
		return FieldError("tags", "A company can have at most %d tags.", MaxTags)
	}
	for k, v := range c.Tags {
		if k == "" || len([]rune(k)) > MaxTagKeyLength {
			return FieldError("tags", "Tag keys must be 1 to %d characters.", MaxTagKeyLength)
		}
		if len([]rune(v)) > MaxTagValueLength {
			return FieldError("tags."+k, "Tag values must be at most %d characters.", MaxTagValueLength)
		}
	}
	return nil
}

// ValidateCompanyName checks the contract's name rule: 1 to 100 letters of
// any script, digits, spaces and -'&@.,?! only.
func ValidateCompanyName(name string) error {
	n := len([]rune(name))
	if strings.TrimSpace(name) == "" || n > MaxCompanyNameLength {
		return FieldError("name", "Company name must be 1 to %d characters.", MaxCompanyNameLength)
	}
	for _, r := range name {
		if !companyNameRune(r) {
			return FieldError("name", "Company name may contain only letters, digits, spaces and -'&@.,?! characters.")
		}
	}
	return nil
}

// SanitizeCompanyName strips the characters a company name may not hold,
// trims it to the maximum length, and falls back to "Merchant".
func SanitizeCompanyName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if companyNameRune(r) {
			b.WriteRune(r)
		}
	}
	name := []rune(strings.TrimSpace(b.String()))
	if len(name) > MaxCompanyNameLength {
		name = []rune(strings.TrimSpace(string(name[:MaxCompanyNameLength])))
	}
	if len(name) == 0 {
		return "Merchant"
	}
	return string(name)
}

func companyNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == ' ' || strings.ContainsRune("-'&@.,?!", r)
}
