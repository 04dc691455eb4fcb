/// Choosing a new password: required before anything else after a log-on with a one-time
/// password, and reachable from the account page otherwise.
enum PasswordTemplate {
    static let text = #"""
    <section class="card narrow">
    {{#forced}}<p id="password-reason">You logged on with a one-time password. Choose your own password to go on; you then log on again with it.</p>{{/forced}}
    <form method="post" action="/account/new-password" id="password-form">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>{{#forced}}One-time password{{/forced}}{{^forced}}Current password{{/forced}} <input type="password" name="current" id="current-password" autocomplete="current-password" required></label>
      <label>New password <input type="password" name="new" id="new-password" autocomplete="new-password" minlength="8" maxlength="72" required></label>
      <label>New password again <input type="password" name="repeat" id="repeat-password" autocomplete="new-password" minlength="8" maxlength="72" required></label>
      <p class="hint">At least 8 characters.</p>
      <button type="submit" id="change-password">Change password</button>
    </form>
    </section>
    """#
}
