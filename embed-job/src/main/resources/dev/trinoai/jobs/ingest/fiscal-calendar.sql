-- The fiscal calendar for every fiscal year start month, created once by the job (replacing a view takes its
-- owner, which the jobs' login may not be), so a semantic model whose fiscal year starts in another
-- month than dim_date's (July) joins this on date_key and its fiscal_year_start_month. The fiscal year is named by
-- the calendar year it ends in; starting in January it is the calendar year.
CREATE VIEW star.fiscal_calendar AS
SELECT m.fiscal_year_start_month,
       d.date_key,
       d.date,
       extract(year FROM d.date + make_interval(months => (13 - m.fiscal_year_start_month) % 12))::integer AS fiscal_year,
       extract(quarter FROM d.date + make_interval(months => (13 - m.fiscal_year_start_month) % 12))::integer AS fiscal_quarter,
       'FY' || extract(year FROM d.date + make_interval(months => (13 - m.fiscal_year_start_month) % 12))
           || '-Q' || extract(quarter FROM d.date + make_interval(months => (13 - m.fiscal_year_start_month) % 12)) AS fiscal_quarter_label,
       extract(month FROM d.date + make_interval(months => (13 - m.fiscal_year_start_month) % 12))::integer AS fiscal_month
FROM star.dim_date d CROSS JOIN generate_series(1, 12) AS m(fiscal_year_start_month);
