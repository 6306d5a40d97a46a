import Messaging
import Metrics

/// `onegate_rpc_client_pending`: calls of the process's RPC client awaiting their reply.
struct RPCClientGauges: GaugeCollector {
    let client: RPCClient
    let pending = Gauge(label: "onegate_rpc_client_pending")

    func collect() async {
        pending.record(client.pendingCalls)
    }
}
