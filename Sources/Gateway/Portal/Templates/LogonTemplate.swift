/// The log-on form.
enum LogonTemplate {
    static let text = #"""
    <section class="card narrow">
    <form method="post" action="/logon" id="logon-form">
      <label>Name <input name="name" id="name" autocomplete="username" required value="{{name}}"></label>
      <label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label>
      <button type="submit" id="logon">Log on</button>
    </form>
    </section>
    """#
}
