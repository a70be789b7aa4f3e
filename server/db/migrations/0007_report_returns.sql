-- Return for revision: an approver sends a submitted report back to its unit with a comment; the
-- unit edits it and submits again. The value stays on the dashboards (provisional) meanwhile.
ALTER TABLE report DROP CONSTRAINT report_status_check;
ALTER TABLE report ADD CONSTRAINT report_status_check CHECK (status IN ('draft', 'submitted', 'returned', 'approved'));
-- the latest return, shown to the submitter while the report is returned
ALTER TABLE report ADD COLUMN returned_at timestamptz;
ALTER TABLE report ADD COLUMN returned_by text;
ALTER TABLE report ADD COLUMN return_comment text;

ALTER TABLE report_event DROP CONSTRAINT report_event_action_check;
ALTER TABLE report_event ADD CONSTRAINT report_event_action_check CHECK (action IN ('draft', 'submit', 'approve', 'correct', 'return'));
