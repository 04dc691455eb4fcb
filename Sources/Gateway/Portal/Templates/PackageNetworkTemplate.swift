/// One runtime package's network (admins): its manifest's declaration, the allowance, and the
/// form to allow or withdraw it.
enum PackageNetworkTemplate {
    static let text = #"""
    <section class="card">
    {{#declared}}<p id="network-declared">The package's signed manifest says it needs the network: <q id="network-reason">{{reason}}</q></p>{{/declared}}
    {{^declared}}{{^unreadable}}<p id="network-declared">The package's manifest does not ask for the network: its sessions and solves have none, allowed or not.</p>{{/unreadable}}{{/declared}}
    {{#unreadable}}<p class="flash bad" id="network-unreadable">The package's manifest cannot be read now: {{unreadable}}</p>{{/unreadable}}
    {{#allowance}}<p id="network-allowance">Allowed by {{by}} on {{at}}.</p>{{/allowance}}
    {{^allowed}}<p id="network-allowance">Not allowed.</p>{{/allowed}}
    <p id="network-granted">{{#granted}}Its sessions and solves get the network.{{/granted}}{{^granted}}Its sessions and solves have no network.{{/granted}}</p>
    <form method="post" action="/packages/{{name}}/{{version}}/network">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      {{#allowed}}<input type="hidden" name="allowed" value="false"><button type="submit" id="network-withdraw">Withdraw the network</button>{{/allowed}}
      {{^allowed}}<input type="hidden" name="allowed" value="true"><button type="submit" id="network-allow">Allow the network</button>{{/allowed}}
    </form>
    <p><a href="/packages">All packages</a></p>
    </section>
    """#
}
