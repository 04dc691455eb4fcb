/// Quotas: the viewer's (or, for admins, a chosen user's) use against each limit; for admins
/// also the limits set per user and group, and the form that sets and clears them.
enum QuotasTemplate {
    static let text = #"""
    <section class="card">
    <h2>{{#subjectName}}Limits of {{subjectName}}{{/subjectName}}{{^subjectName}}Your limits{{/subjectName}}</h2>
    <table id="quota-usage">
    <thead><tr><th>Quota</th><th>What it limits</th><th>In use</th><th>Limit</th><th>Set by</th></tr></thead>
    <tbody>
    {{#usage}}<tr id="quota-{{kind}}"{{#full}} class="bad"{{/full}}><td><code>{{kind}}</code></td><td>{{noun}}</td><td>{{used}}</td><td>{{limit}}</td><td>{{source}}</td></tr>
    {{/usage}}
    </tbody>
    </table>
    <p class="hint">Past a count (sessions, jobs, transfers) a request is refused with 429; past a size (storage, an upload) with 413. A WebSocket to a session past your <code>webSockets</code> limit is closed at once (code 1008), and one that receives a frame larger than <code>frameBytes</code> is closed with 1009; WebSockets in use are this server node's. An administrator can change your limits.</p>
    </section>
    {{#isAdmin}}
    <section class="card">
    <h2>Set a limit</h2>
    <form method="post" action="/admin/quotas" class="row" id="quota-form">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>For <select name="subject">{{#subjects}}<option value="{{value}}">{{label}}</option>{{/subjects}}</select></label>
      <input name="name" required maxlength="64" placeholder="user or group name" value="{{typed.name}}">
      <label>Quota <select name="quota">{{#kinds}}<option value="{{kind}}">{{kind}}</option>{{/kinds}}</select></label>
      <label>Limit <input name="limit" maxlength="24" placeholder="e.g. 4, 2G, unlimited; empty clears" value="{{typed.limit}}"></label>
      <button type="submit" id="set-quota">Save</button>
    </form>
    <form method="get" action="/admin/quotas" class="row">
      <label>Show a user's use <input name="user" maxlength="64" value="{{subjectName}}"></label>
      <button type="submit">Show</button>
    </form>
    </section>
    <section class="card">
    <h2>Limits set</h2>
    <table id="quota-settings">
    <thead><tr><th>For</th><th>Quota</th><th>Limit</th></tr></thead>
    <tbody>
    {{#settings}}<tr><td>{{subject}}</td><td><code>{{kind}}</code></td><td>{{limit}}</td></tr>
    {{/settings}}
    </tbody>
    </table>
    {{^settings}}<p id="no-quotas">None: every user has the server's defaults.</p>{{/settings}}
    </section>
    {{/isAdmin}}
    """#
}
