-- Roll-up rows in the day and month counters, so a province-wide report reads a few thousand rows:
-- (agency, '*') sums an agency's procedures, ('*', procedure) a procedure's agencies. Every
-- dossier change updates its own row and both roll-ups (DossierStore.applyDelta).
INSERT INTO reporting.daily_figures (agency_code, procedure_code, day, received_online, received_other, finished_received,
    resolved_early, resolved_on_time, resolved_overdue, refused, withdrawn, stopped, became_overdue, finished_overdue)
SELECT agency_code, '*', day, sum(received_online), sum(received_other), sum(finished_received), sum(resolved_early),
    sum(resolved_on_time), sum(resolved_overdue), sum(refused), sum(withdrawn), sum(stopped), sum(became_overdue), sum(finished_overdue)
FROM reporting.daily_figures WHERE agency_code <> '*' AND procedure_code <> '*' GROUP BY agency_code, day;
INSERT INTO reporting.daily_figures (agency_code, procedure_code, day, received_online, received_other, finished_received,
    resolved_early, resolved_on_time, resolved_overdue, refused, withdrawn, stopped, became_overdue, finished_overdue)
SELECT '*', procedure_code, day, sum(received_online), sum(received_other), sum(finished_received), sum(resolved_early),
    sum(resolved_on_time), sum(resolved_overdue), sum(refused), sum(withdrawn), sum(stopped), sum(became_overdue), sum(finished_overdue)
FROM reporting.daily_figures WHERE agency_code <> '*' AND procedure_code <> '*' GROUP BY procedure_code, day;
INSERT INTO reporting.monthly_figures (agency_code, procedure_code, month, received_online, received_other, finished_received,
    resolved_early, resolved_on_time, resolved_overdue, refused, withdrawn, stopped, became_overdue, finished_overdue)
SELECT agency_code, '*', month, sum(received_online), sum(received_other), sum(finished_received), sum(resolved_early),
    sum(resolved_on_time), sum(resolved_overdue), sum(refused), sum(withdrawn), sum(stopped), sum(became_overdue), sum(finished_overdue)
FROM reporting.monthly_figures WHERE agency_code <> '*' AND procedure_code <> '*' GROUP BY agency_code, month;
INSERT INTO reporting.monthly_figures (agency_code, procedure_code, month, received_online, received_other, finished_received,
    resolved_early, resolved_on_time, resolved_overdue, refused, withdrawn, stopped, became_overdue, finished_overdue)
SELECT '*', procedure_code, month, sum(received_online), sum(received_other), sum(finished_received), sum(resolved_early),
    sum(resolved_on_time), sum(resolved_overdue), sum(refused), sum(withdrawn), sum(stopped), sum(became_overdue), sum(finished_overdue)
FROM reporting.monthly_figures WHERE agency_code <> '*' AND procedure_code <> '*' GROUP BY procedure_code, month;

CREATE INDEX daily_figures_procedure ON reporting.daily_figures (procedure_code, day);
CREATE INDEX monthly_figures_procedure ON reporting.monthly_figures (procedure_code, month);
