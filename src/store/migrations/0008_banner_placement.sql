-- Where a banner shows: the home page carousel (GET /api/banners), or only
-- where a client places it otherwise (the organisers' React client reads the
-- flag). Existing banners stay on the home page.
ALTER TABLE banners ADD COLUMN is_homepage {{BOOL}} NOT NULL DEFAULT TRUE;
