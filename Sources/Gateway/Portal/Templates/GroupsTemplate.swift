/// Admins: groups and their members.
enum GroupsTemplate {
    static let text = #"""
    <section class="card">
    <form method="post" action="/admin/groups" class="row">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>New group <input name="name" id="new-group-name" required maxlength="64" value="{{typed.name}}"></label>
      <button type="submit" id="create-group">Create group</button>
    </form>
    </section>
    {{#groups}}
    <section class="card">
    <h2>{{name}}</h2>
    <p>Members: {{#members}}<span class="member">{{name}} <form method="post" action="/admin/groups/{{groupId}}/remove" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="user" value="{{id}}"><button type="submit" title="Remove">×</button></form></span> {{/members}}{{^members}}none{{/members}}</p>
    <form method="post" action="/admin/groups/{{id}}/add" class="row">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>Add user <input name="user" required></label>
      <button type="submit">Add</button>
    </form>
    <form method="post" action="/admin/groups/{{id}}/delete" class="danger"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit">Delete group</button></form>
    </section>
    {{/groups}}
    {{^groups}}<section class="card"><p id="no-groups">No groups yet: create one above, add users, then grant it rights on apps (on each app's page).</p></section>{{/groups}}
    """#
}
