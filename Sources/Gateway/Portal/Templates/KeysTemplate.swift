/// Admins: the publisher keys packages are verified with.
enum KeysTemplate {
    static let text = #"""
    <section class="card">
    <h2>Trust a key</h2>
    <form method="post" action="/admin/keys" id="new-key">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>Public key file (JSON) <textarea name="publicKey" id="key-text" rows="4" required>{{typed.publicKey}}</textarea></label>
      <button type="submit" id="trust-key">Trust key</button>
    </form>
    </section>
    <section class="card">
    <table id="keys">
    <thead><tr><th>Id</th><th>Name</th><th>Valid from</th><th>Valid until</th><th>Revoked</th><th></th></tr></thead>
    <tbody>
    {{#keys}}<tr><td class="mono">{{id}}</td><td>{{name}}</td><td>{{validFrom}}</td><td>{{validUntil}}</td><td>{{revokedAt}}</td>
    <td>{{^revokedAt}}<form method="post" action="/admin/keys/revoke" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}"><button type="submit">Revoke</button></form>{{/revokedAt}}</td></tr>{{/keys}}
    </tbody>
    </table>
    {{^keys}}<p id="no-keys">No trusted keys yet: paste a publisher's public key file above; app versions and packages signed with it can then be installed.</p>{{/keys}}
    </section>
    """#
}
