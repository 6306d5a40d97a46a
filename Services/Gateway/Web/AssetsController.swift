import Hummingbird
import NIOCore
import OnegateWeb

/// `GET /assets/{name}`: the stylesheet, the script and the images, from the module's bundle,
/// with an ETag (304 when unchanged) and an hour of caching.
struct AssetsController {
    let resources: WebResources

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self).get("assets/{name}", use: asset)
    }

    @Sendable func asset(_ request: Request, context: GatewayContext) async throws -> Response {
        guard let asset = resources.assets[context.parameters.get("name") ?? ""] else { throw HTTPError(.notFound) }
        var headers: HTTPFields = [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "public, max-age=3600"]
        SecurityHeaders.apply(to: &headers)
        if request.headers[.ifNoneMatch] == asset.etag { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
