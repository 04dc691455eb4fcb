/// Asks before a destructive action; the button posts the same form again, confirmed.
enum ConfirmTemplate {
    static let text = #"""
    <section class="card confirm">
    <p id="confirm-text">{{consequence}}</p>
    <form method="post" action="{{action}}" class="row danger">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      {{#fields}}<input type="hidden" name="{{name}}" value="{{value}}">{{/fields}}
      <input type="hidden" name="confirmed" value="yes">
      <button type="submit" id="confirm">{{button}}</button>
      <a href="{{back}}" id="keep">No, keep it</a>
    </form>
    </section>
    """#
}
