/// Admins: users, their roles, disabling, and creating one.
enum UsersTemplate {
    static let text = #"""
    <section class="card">
    <h2>New user</h2>
    <form method="post" action="/admin/users" class="row" id="new-user">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>Name <input name="name" id="new-user-name" required maxlength="64" value="{{typed.name}}"
        pattern="[a-z0-9][a-z0-9._\-]*" title="Lower-case letters a–z, digits, and . _ - after the first character, which must be a letter or digit."></label>
      <label>Display name <input name="displayName" id="new-user-display" maxlength="256" value="{{typed.displayName}}"></label>
      <label>Password <input name="password" id="new-user-password" type="password" autocomplete="new-password" minlength="8" maxlength="72" required></label>
      <label>Role <select name="role" id="new-user-role"><option value="user">user</option><option value="publisher">publisher</option><option value="admin">admin</option></select></label>
      <button type="submit" id="create-user">Create user</button>
    </form>
    </section>
    <section class="card">
    <table id="users">
    <thead><tr><th>Name</th><th>Display name</th><th>Role</th><th>State</th><th></th></tr></thead>
    <tbody>
    {{#users}}<tr><td>{{name}}</td><td>{{displayName}}</td>
    <td><form method="post" action="/admin/users/{{id}}/role" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><select name="role">{{#roles}}<option{{#selected}} selected{{/selected}}>{{role}}</option>{{/roles}}</select><button type="submit">Set</button></form></td>
    <td>{{#disabled}}disabled{{/disabled}}{{^disabled}}active{{/disabled}}</td>
    <td><form method="post" action="/admin/users/{{id}}/disabled" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}">{{#disabled}}<input type="hidden" name="disabled" value="false"><button type="submit">Enable</button>{{/disabled}}{{^disabled}}<input type="hidden" name="disabled" value="true"><button type="submit">Disable</button>{{/disabled}}</form></td></tr>{{/users}}
    </tbody>
    </table>
    </section>
    """#
}
