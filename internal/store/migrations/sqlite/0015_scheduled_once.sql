-- A due date is run once: two scheduler passes that overlap (a new
-- leader's first pass while another is still going, or a process killed
-- between recording a run and moving the due date) cannot record a second
-- Scheduled run for it while one is waiting, running or has succeeded. A
-- due date whose run failed may run again, as after a relink.
CREATE UNIQUE INDEX sync_runs_scheduled_due ON sync_runs (company_id, due_at)
    WHERE sync_type = 'Scheduled' AND status_code IN (1000, 1010, 2000, 2040);
