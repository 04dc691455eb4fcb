/// The store's space and its gc: sizes, the last run, "Collect now".
enum StoreTemplate {
    static let text = #"""
    <section class="card">
    <table id="store-usage">
    <thead><tr><th></th><th>Size</th><th>Blobs</th></tr></thead>
    <tbody>
    <tr><th>Store</th><td id="store-size">{{size}}</td><td>{{blobs}}</td></tr>
    <tr><th>Reachable from the catalog</th><td id="store-reachable">{{reachable}}</td><td>{{reachableBlobs}}</td></tr>
    <tr><th>Reclaimable now</th><td id="store-reclaimable">{{reclaimable}}</td><td>{{reclaimableBlobs}}</td></tr>
    <tr><th>Unreferenced, younger than the grace period</th><td id="store-young">{{young}}</td><td>{{youngBlobs}}</td></tr>
    </tbody>
    </table>
    <p>Scheduled gc: {{schedule}}{{#clustered}}, on the cluster's master{{/clustered}}. Unreferenced blobs are kept for {{grace}} (saves in flight).</p>
    </section>
    <section class="card"><h2>Last run</h2>
    {{#lastRun}}<p id="store-last-run">{{at}} on {{node}} ({{trigger}}): freed {{freed}} in {{freedBlobs}} blobs, {{seconds}} s.{{#stopped}} It stopped early: the node lost the master lease.{{/stopped}}</p>{{/lastRun}}
    {{^lastRun}}<p id="store-last-run">No gc has run yet.</p>{{/lastRun}}
    <form method="post" action="/admin/store">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <button type="submit" id="collect-store">Collect now</button>
    </form>
    </section>
    """#
}
