/// The user's optimization sessions.
enum JobsTemplate {
    static let text = #"""
    <section class="card">
    {{#hasJobs}}
    <table id="jobs">
    <thead><tr><th>Job</th><th>App</th><th>Case</th><th>State</th><th>Progress</th><th>Submitted</th><th>Result</th></tr></thead>
    <tbody>
    {{#jobs}}<tr data-job="{{id}}"><td><a href="/jobs/{{id}}">{{id}}</a></td><td>{{app}}</td><td><a href="/cases/{{caseId}}">version {{input}}</a></td>
    <td class="state">{{state}}</td><td>{{progress}}</td><td>{{submittedAt}}</td><td>{{#hasResult}}<a href="/cases/{{caseId}}">version {{result}}</a>{{/hasResult}}</td></tr>{{/jobs}}
    </tbody>
    </table>
    {{/hasJobs}}
    {{^hasJobs}}<p id="no-jobs">No jobs yet: solve a case from its page or from an app.</p>{{/hasJobs}}
    </section>
    """#
}
