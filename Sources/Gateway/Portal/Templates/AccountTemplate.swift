/// The user's own account: password and API tokens.
enum AccountTemplate {
    static let text = #"""
    {{#newSecret}}
    <section class="card secret">
    <p>Your new API token — copy it now, it is not shown again:</p>
    <p class="mono" id="new-token">{{newSecret}}</p>
    </section>
    {{/newSecret}}
    <section class="card">
    <p>You log on as <strong>{{name}}</strong>; your role is {{role}}.</p>
    <h2>Change password</h2>
    <form method="post" action="/account/password" class="row">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>Current <input type="password" name="current" autocomplete="current-password" required></label>
      <label>New <input type="password" name="new" autocomplete="new-password" minlength="8" maxlength="72" required></label>
      <label>New again <input type="password" name="repeat" autocomplete="new-password" minlength="8" maxlength="72" required></label>
      {{#hasLiveTokens}}<fieldset id="keep-tokens"><legend>API tokens to keep</legend>{{#liveTokens}}<label><input type="checkbox" name="keep" value="{{id}}"> {{name}}</label>{{/liveTokens}}</fieldset>{{/hasLiveTokens}}
      <button type="submit">Change password</button>
    </form>
    <p class="hint">Changing it logs you off everywhere and revokes your API tokens except those you tick; log on again with the new one.</p>
    </section>
    <section class="card">
    <h2>API tokens</h2>
    <table id="tokens">
    <thead><tr><th>Name</th><th>Scopes</th><th>Created</th><th>Expires</th><th></th></tr></thead>
    <tbody>
    {{#tokens}}<tr><td>{{name}}</td><td>{{scopes}}</td><td>{{createdAt}}</td><td>{{expiresAt}}</td><td>{{#revoked}}revoked{{/revoked}}{{^revoked}}<form method="post" action="/account/tokens/revoke" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}"><button type="submit">Revoke</button></form>{{/revoked}}</td></tr>{{/tokens}}
    </tbody>
    </table>
    {{^hasTokens}}<p id="no-tokens">No API tokens yet. Create one below to call the REST API from scripts (it is shown once).</p>{{/hasTokens}}
    <form method="post" action="/account/tokens" class="row">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>Name <input name="name" required value="{{typed.name}}"></label>
      <label><input type="checkbox" name="scope" value="read" checked> read</label>
      <label><input type="checkbox" name="scope" value="write"> write</label>
      {{#isAdmin}}<label><input type="checkbox" name="scope" value="admin"> admin</label>{{/isAdmin}}
      <label>Days <input name="days" type="number" min="1" max="365" value="90"></label>
      <button type="submit">Create token</button>
    </form>
    </section>
    """#
}
