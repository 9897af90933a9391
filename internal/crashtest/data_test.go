package crashtest

import "strings"

// days are the business days of the crash test: the worked example
// (servetest.ExampleDay) five times, about fifty documents.
var days = []string{"2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08"}

// lateChange is the change pushed after the crash: O1's gratuity goes
// from 1.50 to 2.50 on every day, which must post as one adjustment
// invoice of 1.00 a day (SPEC §8.3).
var lateChange = strings.NewReplacer(`"totalGratuity":1.50`, `"totalGratuity":2.50,"sourceModifiedDate":"2024-03-09T09:00:00Z"`)
