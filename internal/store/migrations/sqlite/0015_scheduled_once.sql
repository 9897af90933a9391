-- A due date is run once: two scheduler passes that overlap (a new
-- leader's first pass while another is still going, or a process killed
-- between recording a run and moving the due date) cannot record a second
-- Scheduled run for it.
CREATE UNIQUE INDEX sync_runs_scheduled_due ON sync_runs (company_id, due_at) WHERE sync_type = 'Scheduled';
