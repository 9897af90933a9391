package ledgersync

import (
	"bytes"
	"fmt"
	"strings"
)

// ValidationItem is one finding about a configuration (SPEC §2's
// validation item): the JSON path of the field at fault, a message, and
// the section that found it.
type ValidationItem struct {
	ItemID        string `json:"itemId"`
	Message       string `json:"message"`
	ValidatorName string `json:"validatorName"`
}

// ValidationResult is the outcome of validating a configuration.
type ValidationResult struct {
	Errors   []ValidationItem `json:"errors"`
	Warnings []ValidationItem `json:"warnings"`
	// Complete reports whether the completeness checks pass, whether or not
	// they were enforced.
	Complete bool `json:"-"`
}

// ValidationContext is what validation needs beyond the configuration.
type ValidationContext struct {
	// Ready: the company has Linked Commerce and Linked Accounting
	// connections.
	Ready bool
	// TaxPercentages are the taxPercentage values seen on pushed lines and
	// service charges; their taxRates keys must be mapped.
	TaxPercentages []string
	// Previous is the stored configuration being changed, nil if none; its
	// output format is fixed once it has been configured.
	Previous *Configuration
}

// MessageConfigurationInvalid is the ErrorMessage "error" of a
// configuration that fails validation.
const MessageConfigurationInvalid = "Configuration is invalid."

// InvalidConfigurationError is a configuration refused by validation. It
// unwraps to an EInvalid *Error, so ErrorCode and ErrorMessage apply.
type InvalidConfigurationError struct {
	Items []ValidationItem
}

// Error implements the error interface.
func (e *InvalidConfigurationError) Error() string {
	return MessageConfigurationInvalid + " " + joinMessages(e.Items)
}

// Unwrap returns the domain error: EInvalid, "Configuration is invalid.".
func (e *InvalidConfigurationError) Unwrap() error {
	return &Error{Code: EInvalid, Message: MessageConfigurationInvalid}
}

// Err returns nil when there are no errors, else an
// *InvalidConfigurationError listing them.
func (r *ValidationResult) Err() error {
	if len(r.Errors) == 0 {
		return nil
	}
	return &InvalidConfigurationError{Items: r.Errors}
}

// Message joins the error messages with spaces, as a sync's errorMessage.
func (r *ValidationResult) Message() string {
	return joinMessages(r.Errors)
}

func joinMessages(items []ValidationItem) string {
	msgs := make([]string, len(items))
	for i, it := range items {
		msgs[i] = it.Message
	}
	return strings.Join(msgs, " ")
}

// Validate applies SPEC §6.4: the membership checks always, and the
// completeness checks when cfg.Enable is true. Option lists must be fresh
// (RefreshOptions). Complete is set either way.
func Validate(cfg *Configuration, ctx ValidationContext) *ValidationResult {
	incomplete := CheckCompleteness(cfg, ctx)
	errs := CheckMembership(cfg, ctx.Previous)
	if cfg.Enable {
		errs = append(errs, incomplete...)
	}
	return &ValidationResult{Errors: nonNil(errs), Warnings: []ValidationItem{}, Complete: len(incomplete) == 0}
}

// ApplyConfiguration is POST /config/companies/{id}/sync/commerce: it
// merges body onto a copy of stored (SPEC §3.1), refreshes its options from
// src and validates it. It returns the configuration to save, with
// Configured set once completeness passes; or an *InvalidConfigurationError
// (400, nothing saved), or an EInvalid *Error for a malformed body. An
// empty body returns the stored configuration with fresh options.
func ApplyConfiguration(stored *Configuration, body []byte, src OptionSources, ready bool) (*Configuration, error) {
	next := stored.Clone()
	RefreshOptions(next, src)
	if len(bytes.TrimSpace(body)) == 0 {
		return next, nil
	}
	items, err := MergeConfiguration(next, body)
	if err != nil {
		return nil, err
	}
	RefreshOptions(next, src)
	r := Validate(next, ValidationContext{Ready: ready, TaxPercentages: src.TaxPercentages, Previous: stored})
	r.Errors = append(items, r.Errors...)
	if err := r.Err(); err != nil {
		return nil, err
	}
	next.Configured = stored.Configured || r.Complete
	return next, nil
}

// findings collects validation items.
type findings []ValidationItem

// add records a finding; args, if any, format the message.
func (f *findings) add(itemID, validator, message string, args ...any) {
	if len(args) > 0 {
		message = fmt.Sprintf(message, args...)
	}
	*f = append(*f, ValidationItem{ItemID: itemID, Message: message, ValidatorName: validator})
}
