-- Which dossier each attachment of a submission belongs to, recorded from intake's hand-over
-- (`documents.intake-events`). A link table rather than documents.dossier_code: a signed-in
-- applicant reuses a document of their data store in several dossiers ("do not ask twice").
-- `exclusive`: the dossier took the document for itself (an anonymous upload, a portal file, an
-- officer's scan — anything not the dossier owner's own document): no other dossier may name it.
CREATE TABLE documents.dossier_documents (
    dossier_code text NOT NULL,
    document_id uuid NOT NULL REFERENCES documents.documents (id) ON DELETE CASCADE,
    component_code text NOT NULL,
    agency_code text NOT NULL,
    exclusive boolean NOT NULL,
    linked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dossier_code, document_id, component_code)
);
CREATE INDEX dossier_documents_document ON documents.dossier_documents (document_id);
