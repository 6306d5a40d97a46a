import OnegateWeb

/// The cookies of the pages. All are HttpOnly; the session pair is SameSite=Lax (a link from
/// elsewhere arrives signed in), the CSRF token SameSite=Strict.
enum WebCookie {
    /// The access token (a JWT the gateway verifies with identity's keys, no database).
    static let session = "og_session"
    /// The refresh token that renews the session; revoked at sign-out.
    static let refresh = "og_refresh"
    static let language = "og_lang"
    static let csrf = CSRFToken.cookieName
}
