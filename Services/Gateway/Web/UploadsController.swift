import Hummingbird

/// `POST /uploads`: the portal's script uploads a chosen file at once, raw, with `Content-Type`,
/// `X-Filename` and the CSRF token in `X-CSRF-Token` (checked by `WebSessionMiddleware`), and
/// shows its progress; the answer is the stored document as JSON (as `POST /api/v1/documents`
/// gives it), whose id the form then carries instead of the file. Stored as the signed-in
/// visitor's document, or unowned for an anonymous one; `documents` decides what is allowed.
struct UploadsController {
    static let path = "/uploads"
    let backend: Backend

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .post("uploads", use: DocumentsController(backend: backend).upload)
    }
}
