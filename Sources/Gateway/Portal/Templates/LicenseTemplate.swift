/// The license in force, its use, recent seats, installing one.
enum LicenseTemplate {
    static let text = #"""
    <section class="card">
    {{#licensed}}<p id="license-state">Licensed to <strong>{{licensee}}</strong> until {{expires}}.</p>{{/licensed}}
    {{^licensed}}<p id="license-state" class="{{#problem}}flash warn{{/problem}}">{{#problem}}The installed license does not count: {{problem}}. Until a valid license is installed, the evaluation limits below apply.{{/problem}}{{^problem}}No license is installed: the evaluation limits below apply. Install one at the bottom of this page.{{/problem}}</p>{{/licensed}}
    <table id="license-limits">
    <thead><tr><th></th><th>Data sessions</th><th>Optimization sessions</th><th>Named users</th></tr></thead>
    <tbody>
    {{#limits}}<tr><th>Limit</th><td>{{data}}</td><td>{{solve}}</td><td>{{named}}</td></tr>{{/limits}}
    {{#inUse}}<tr><th>In use</th><td id="use-data">{{data}}</td><td id="use-solve">{{solve}}</td><td id="use-named">{{named}}</td></tr>{{/inUse}}
    </tbody>
    </table>
    </section>
    <section class="card"><h2>In use per app</h2>
    <table><thead><tr><th>App</th><th>Data</th><th>Optimization</th></tr></thead><tbody>
    {{#byApp}}<tr><td>{{name}}</td><td>{{data}}</td><td>{{solve}}</td></tr>{{/byApp}}
    {{^byApp}}<tr><td colspan="3">No seats are in use.</td></tr>{{/byApp}}
    </tbody></table>
    <h2>In use per user</h2>
    <table id="license-users"><thead><tr><th>User</th><th>Data</th><th>Optimization</th></tr></thead><tbody>
    {{^byUser}}<tr><td colspan="3">No seats are in use.</td></tr>{{/byUser}}
    {{#byUser}}<tr><td>{{name}}</td><td>{{data}}</td><td>{{solve}}</td></tr>{{/byUser}}
    </tbody></table>
    </section>
    <section class="card"><h2>Recent seats</h2>
    <p><a href="/api/v1/license/usage?format=csv" id="usage-csv">Export the whole history as CSV</a></p>
    <table id="seats"><thead><tr><th>Kind</th><th>User</th><th>App</th><th>Node</th><th>Taken</th><th>Returned</th></tr></thead><tbody>
    {{^recent}}<tr><td colspan="6">No seat has been taken yet: seats are taken when someone launches an app or solves a case.</td></tr>{{/recent}}
    {{#recent}}<tr><td>{{kind}}</td><td>{{user}}</td><td>{{app}}</td><td>{{node}}</td><td>{{takenAt}}</td><td>{{returnedAt}}</td></tr>{{/recent}}
    </tbody></table>
    </section>
    <section class="card"><h2>Install a license</h2>
    <form method="post" action="/admin/license">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>License file (.atlic) content <textarea name="license" id="license-text" rows="6" required>{{typed.license}}</textarea></label>
      <button type="submit" id="install-license">Install</button>
    </form>
    </section>
    """#
}
