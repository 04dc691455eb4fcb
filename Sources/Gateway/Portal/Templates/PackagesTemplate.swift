/// Runtime packages: list, upload (publishers), delete and the network page (admins).
enum PackagesTemplate {
    static let text = #"""
    {{#isPublisher}}
    <section class="card">
    <h2>Upload a package</h2>
    <form class="upload row" data-upload="/api/v1/packages" id="package-upload">
      <label>Package file <input type="file" name="file" id="package-file" required></label>
      <button type="submit">Upload</button>
      <progress max="100" value="0" hidden></progress><span class="status" role="status"></span>
    </form>
    </section>
    {{/isPublisher}}
    <section class="card">
    <table id="packages">
    <thead><tr><th>Name</th><th>Version</th><th>Platform</th><th>Size</th><th>Uploaded</th>{{#isAdmin}}<th></th>{{/isAdmin}}</tr></thead>
    <tbody>
    {{#packages}}<tr><td>{{name}}</td><td>{{version}}</td><td>{{platform}}</td><td>{{size}}</td><td>{{uploadedAt}}</td>
    {{#isAdmin}}<td><a href="/packages/{{name}}/{{version}}/network">Network</a> <form method="post" action="/packages/delete" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{name}}"><input type="hidden" name="version" value="{{version}}"><button type="submit">Delete</button></form></td>{{/isAdmin}}</tr>{{/packages}}
    </tbody>
    </table>
    {{^packages}}<p id="no-packages">No runtime packages yet.{{#isPublisher}} Upload one above (for example the reference runtime, atrium-runtime-mathprog); apps name the runtime they run on.{{/isPublisher}}</p>{{/packages}}
    </section>
    """#
}
