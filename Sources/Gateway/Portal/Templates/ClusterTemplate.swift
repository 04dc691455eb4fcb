/// The cluster's nodes and master.
enum ClusterTemplate {
    static let text = #"""
    <section class="card">
    {{^clustered}}<p id="cluster-state">This node runs alone on the embedded catalog (SQLite). A cluster shares a PostgreSQL catalog; see docs/cluster.md.</p>{{/clustered}}
    {{#clustered}}{{#master}}<p id="cluster-state">Master: <strong id="master-node">{{node}}</strong> since {{since}} (fencing token {{token}}).</p>{{/master}}
    {{^master}}<p id="cluster-state">No master holds a live lease right now; one is elected within two heartbeats.</p>{{/master}}{{/clustered}}
    <table id="nodes">
    <thead><tr><th>Node</th><th>State</th><th>Load</th><th>Last heartbeat</th><th>Started</th><th>Address</th></tr></thead>
    <tbody>
    {{#nodes}}<tr data-node="{{name}}"><td>{{name}}{{#master}} (master){{/master}}</td><td>{{state}}{{#reason}} — {{reason}}{{/reason}}</td><td>{{load}}</td><td>{{age}} ago</td><td>{{started}}</td><td>{{address}}</td></tr>{{/nodes}}
    </tbody>
    </table>
    </section>
    """#
}
