-- A headline: the short label a time chart draws at the date of a policy
-- or a warning ("Partial mobilisation in Russia"). Optional, so existing
-- incidents keep an empty one and charts name them by kind and area.
ALTER TABLE incidents ADD COLUMN headline TEXT NOT NULL DEFAULT '';

-- Time charts read the policies and warnings of their date range; there
-- are few of them, so a partial index finds them without reading the
-- other incidents.
CREATE INDEX incidents_events ON incidents (month, area) WHERE kind = 'policy' OR kind = 'warning';
