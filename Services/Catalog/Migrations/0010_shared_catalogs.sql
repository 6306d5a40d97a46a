-- The shared electronic catalogs (DOMAIN.md): one row per entry, keyed by catalog and code. The
-- columns beyond code and name differ by catalog and are kept in `attributes` (text values);
-- `search_text` is code, name and values folded to lower case without diacritics, for `?q=`.
CREATE TABLE catalog.shared_catalog_entries (
    catalog text NOT NULL CHECK (catalog IN ('administrative-units', 'agencies', 'sectors', 'document-types',
                                             'ethnicities', 'nationalities')),
    code text NOT NULL CHECK (code <> ''),
    name text NOT NULL CHECK (name <> ''),
    attributes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    search_text text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog, code)
);
