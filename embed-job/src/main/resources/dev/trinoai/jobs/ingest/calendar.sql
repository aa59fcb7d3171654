-- The days of dim_date in the range the two parameters give (both included) that it does not have yet. The fiscal
-- columns are those of a fiscal year starting on 1 July (star.fiscal_calendar has every other start month).
INSERT INTO star.dim_date
SELECT to_char(d, 'YYYYMMDD')::integer,
       d,
       extract(year FROM d)::integer,
       extract(quarter FROM d)::integer,
       to_char(d, 'YYYY') || '-Q' || extract(quarter FROM d),
       extract(month FROM d)::integer,
       to_char(d, 'YYYY-MM'),
       trim(to_char(d, 'Month')),
       extract(isoyear FROM d)::integer,
       extract(week FROM d)::integer,
       date_trunc('week', d)::date,
       extract(isodow FROM d)::integer,
       extract(year FROM d + interval '6 months')::integer,
       extract(quarter FROM d + interval '6 months')::integer,
       'FY' || extract(year FROM d + interval '6 months') || '-Q' || extract(quarter FROM d + interval '6 months')
FROM generate_series(?::date, ?::date, interval '1 day') AS g(t), LATERAL (SELECT t::date AS d) AS x
ON CONFLICT (date_key) DO NOTHING;
