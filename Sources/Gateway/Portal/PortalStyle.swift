/// `/static/portal.css`: a plain, tidy layout for a 1366×768 laptop screen (and larger).
enum PortalStyle {
    static let css = #"""
    *{box-sizing:border-box}[hidden]{display:none!important}
    body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;background:#f3f5f8}
    a{color:#1f5fbf;text-decoration:none}a:hover{text-decoration:underline}
    header.top{display:flex;align-items:center;gap:1.5rem;padding:.5rem 1.25rem;background:#1d2a3f;color:#fff}
    header.top a{color:#dfe8f7}.brand{font-weight:700;font-size:1.1rem;color:#fff!important}
    header nav{display:flex;gap:1rem;flex:1}.who{display:flex;align-items:center;gap:.75rem;margin-left:auto}
    .role{font-size:.8rem;opacity:.75}
    nav.admin{display:flex;flex-wrap:wrap;align-items:center;gap:.9rem;padding:.3rem 1.25rem;background:#e4e9f1;border-bottom:1px solid #cfd7e3;font-size:.9rem}
    nav.admin .label{font-weight:600;color:#4a5566;text-transform:uppercase;font-size:.75rem;letter-spacing:.04em}
    main{max-width:1240px;margin:0 auto;padding:1rem 1.25rem 3rem}
    h1{font-size:1.35rem;margin:.25rem 0 1rem}h2{font-size:1.05rem;margin:0 0 .6rem}
    .card{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:.9rem 1rem;margin-bottom:1rem}
    .card.narrow{max-width:360px}.card>p:first-child{margin-top:0}
    #rollback{margin-top:.6rem}
    table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #edf0f4;vertical-align:middle}
    th{font-weight:600;color:#4a5566;font-size:.85rem}
    form.row{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.6rem}
    form.inline{display:inline}form.danger{margin-top:.8rem}
    label{display:flex;flex-direction:column;gap:.2rem;font-size:.85rem;color:#4a5566}
    form.row label:has(input[type=checkbox]){flex-direction:row;align-items:center}
    .card.narrow label{margin-bottom:.6rem}
    input,select,textarea{font:inherit;padding:.3rem .45rem;border:1px solid #c3ccd8;border-radius:4px;background:#fff}
    textarea{width:100%}
    button{font:inherit;padding:.3rem .8rem;border:1px solid #1f5fbf;border-radius:4px;background:#1f5fbf;color:#fff;cursor:pointer}
    button:hover{background:#174a96}
    .danger button{background:#b3261e;border-color:#b3261e}
    header button{background:transparent;border-color:#8fa3c2}
    .flash{padding:.55rem .8rem;border-radius:4px;margin:0 0 1rem}
    .flash.ok{background:#e6f4ea;border:1px solid #9fd3ae}.flash.bad{background:#fdecea;border:1px solid #f1a9a0}
    .mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;word-break:break-all}
    .secret{border-color:#e0b84b;background:#fff9e6}
    progress{width:12rem;height:1rem}.status{font-size:.85rem}.status.bad{color:#b3261e}
    .member{display:inline-block;margin-right:.6rem}.member button{padding:0 .35rem}
    .pager a{margin-right:1rem}
    a.button{display:inline-block;padding:.3rem .8rem;border:1px solid #1f5fbf;border-radius:4px;color:#1f5fbf;background:#fff}
    a.button:hover{text-decoration:none;background:#eef3fb}
    a.button.primary{background:#1f5fbf;color:#fff}a.button.primary:hover{background:#174a96}
    .actions{display:flex;align-items:center;gap:.8rem;margin:.4rem 0 0}
    .hint{font-size:.85rem;color:#5b6677}.lead{margin-top:0}
    ul.catalogue{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:1rem}
    .app-card{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:.9rem 1rem;display:flex;flex-direction:column}
    .app-card h2{margin:0 0 .2rem}.app-card .description{margin:0 0 .4rem;color:#1f2937}.app-card .meta{margin:0 0 .6rem;color:#5b6677;font-size:.85rem;flex:1}
    .empty p{margin:.2rem 0}
    pre{white-space:pre-wrap;overflow-wrap:anywhere;max-width:100%;max-height:32rem;overflow:auto;background:#f7f9fb;border:1px solid #edf0f4;border-radius:4px;padding:.5rem;font-size:.8rem}
    .warn{color:#8a5300}.state.warn,.flash.warn{background:#fff4e0;border:1px solid #f0c67a}.flash.warn{color:inherit}
    td.state.warn{border-radius:3px}.state.bad{color:#b3261e}.state.good{color:#1e7a3a}
    .confirm .row{align-items:center}.confirm a{margin-left:.4rem}
    .spinner{display:inline-block;width:1rem;height:1rem;border:2px solid #c3ccd8;border-top-color:#1f5fbf;border-radius:50%;animation:spin 1s linear infinite;vertical-align:middle}
    @keyframes spin{to{transform:rotate(360deg)}}
    .launch.failed .spinner,.launch.failed .launch-progress{display:none}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}dl.facts dt{color:#4a5566;font-weight:600}dl.facts dd{margin:0}
    dl.facts dd.state{justify-self:start;padding:0 .4rem;border-radius:3px}
    .actions+table,.lead+table{margin-top:.6rem}table+h2{margin-top:1.2rem}td.when{white-space:nowrap}
    """#
}
