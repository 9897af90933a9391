package ledgersync

import (
	"slices"
	"time"
)

// DefaultTimeZone is the zone of a schedule whose timeZone is empty or
// null.
const DefaultTimeZone = "Etc/UTC"

// MaxSyncHour is the last hour a sync may be scheduled at.
const MaxSyncHour = 23

// startDateLayouts are the accepted forms of startDate: a date, or a
// date-time with or without an offset.
var startDateLayouts = []string{"2006-01-02", time.RFC3339Nano, "2006-01-02T15:04:05.999999999"}

// Location returns the schedule's time zone: Etc/UTC when none is set.
func (s SyncSchedule) Location() (*time.Location, error) {
	if s.TimeZone == "" {
		return time.LoadLocation(DefaultTimeZone)
	}
	if s.TimeZone == "Local" {
		return nil, Errorf(EInvalid, "Unknown time zone '%s'.", s.TimeZone)
	}
	return time.LoadLocation(s.TimeZone)
}

// StartDay returns the date of startDate, as written and at midnight UTC;
// any time part is ignored (SPEC §7.1). It reports false when no valid
// start date is set.
func (s SyncSchedule) StartDay() (time.Time, bool) {
	for _, layout := range startDateLayouts {
		if t, err := time.Parse(layout, s.StartDate); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// checkSchedule applies the schedule's membership checks.
func (f *findings) checkSchedule(s *SyncSchedule) {
	if s.SelectedFrequency != "" && !slices.Contains(s.FrequencyOptions, s.SelectedFrequency) {
		f.add("schedule.selectedFrequency", SectionSchedule, "Selected frequency not in frequency options.")
	}
	if _, err := s.Location(); err != nil {
		f.add("schedule.timeZone", SectionSchedule, "Unknown time zone '%s'.", s.TimeZone)
	}
	if s.SyncHour < 0 || s.SyncHour > MaxSyncHour {
		f.add("schedule.syncHour", SectionSchedule, "Sync hour must be between 0 and 23.")
	}
	if _, ok := s.StartDay(); s.StartDate != "" && !ok {
		f.add("schedule.startDate", SectionSchedule, "Start date is not a valid date.")
	}
}

// completeSchedule applies the schedule's completeness checks.
func (f *findings) completeSchedule(s *SyncSchedule) {
	if s.SelectedFrequency == "" {
		f.add("schedule.selectedFrequency", SectionSchedule, "No schedule selected frequency.")
	}
	if s.StartDate == "" {
		f.add("schedule.startDate", SectionSchedule, "No start date selected.")
	}
}
