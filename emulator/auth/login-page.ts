/**
 * The emulator's stand-in for login.dingtalk.com: pick a seeded person or type a mobile.
 * Self-contained (no external assets). Stable hooks for browser tests: `#mobile` with the
 * button 登录, `#search`, and `#people` whose buttons carry `data-userid`.
 */

export interface LoginParams {
  redirectUri: string;
  clientId: string;
  responseType: string;
  scope: string;
  state: string | null;
  prompt: string | null;
}

export interface PersonOption {
  userId: string;
  name: string;
  deptName: string;
  mobile: string;
  sysLevel: 1 | 2 | null;
  active: boolean;
}

export interface LoginPageModel {
  companyName: string;
  params: LoginParams;
  people: PersonOption[];
  totalPeople: number;
  query: string;
  error: string | null;
  mobile: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

const STYLES = `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei",sans-serif;background:#f2f4f7;color:#171a1d;display:flex;justify-content:center;padding:40px 16px}
main{width:100%;max-width:440px;background:#fff;border-radius:12px;box-shadow:0 6px 24px rgba(23,26,29,.08);padding:28px 28px 20px}
header{display:flex;align-items:center;gap:12px;margin-bottom:12px}
.logo{width:40px;height:40px;border-radius:10px;background:#0089ff;color:#fff;font-weight:700;font-size:22px;display:flex;align-items:center;justify-content:center}
h1{font-size:20px;margin:0}
.sub{color:#747677;font-size:13px;margin:2px 0 0}
.consent{background:#f5f9ff;border:1px solid #d6e8ff;border-radius:8px;padding:10px 12px;font-size:13px;color:#3d4045;margin:12px 0 18px}
.error{background:#fff1f0;border:1px solid #ffccc7;color:#cf1322;border-radius:8px;padding:8px 12px;font-size:13px;margin-bottom:14px}
label{display:block;font-size:13px;color:#5c5f66;margin:0 0 6px}
input{width:100%;height:40px;border:1px solid #d0d3d6;border-radius:8px;padding:0 12px;font-size:15px;outline:none}
input:focus{border-color:#0089ff;box-shadow:0 0 0 3px rgba(0,137,255,.15)}
.row{display:flex;gap:8px}
.primary{height:40px;padding:0 22px;border:0;border-radius:8px;background:#0089ff;color:#fff;font-size:15px;cursor:pointer;white-space:nowrap}
.primary:hover{background:#0077e0}
.hint{font-size:12px;color:#8f9299;margin:6px 0 0}
.divider{display:flex;align-items:center;gap:10px;color:#a2a5aa;font-size:12px;margin:22px 0 14px}
.divider:before,.divider:after{content:"";flex:1;height:1px;background:#e8eaec}
ul{list-style:none;margin:10px 0 0;padding:0;max-height:360px;overflow-y:auto;border:1px solid #eceef0;border-radius:8px}
li+li{border-top:1px solid #f0f1f2}
.person{width:100%;display:flex;align-items:center;gap:10px;background:#fff;border:0;padding:10px 12px;text-align:left;cursor:pointer;font:inherit;color:inherit}
.person:hover,.person:focus{background:#f5f9ff;outline:none}
.avatar{width:34px;height:34px;border-radius:50%;background:#3296fa;color:#fff;display:flex;align-items:center;justify-content:center;font-size:13px;flex:none}
.who{flex:1;min-width:0}
.name{font-size:14px;font-weight:600}
.meta{font-size:12px;color:#8f9299;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.badge{font-size:11px;border-radius:4px;padding:1px 6px;margin-left:6px;font-weight:400}
.badge.admin{background:#fff7e6;color:#d46b08;border:1px solid #ffd591}
.badge.inactive{background:#f5f5f5;color:#8c8c8c;border:1px solid #e0e0e0}
.empty{padding:16px;color:#8f9299;font-size:13px;text-align:center}
footer{margin-top:14px;font-size:12px;color:#a2a5aa;text-align:center}
`;

function hiddenFields(params: LoginParams): string {
  const fields: Array<[string, string | null]> = [
    ["redirect_uri", params.redirectUri], ["client_id", params.clientId], ["response_type", params.responseType],
    ["scope", params.scope], ["state", params.state], ["prompt", params.prompt],
  ];
  return fields
    .filter((f): f is [string, string] => f[1] !== null)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join("");
}

function renderPerson(p: PersonOption): string {
  const badges = [
    p.sysLevel === 1 ? `<span class="badge admin">主管理员</span>` : "",
    p.sysLevel === 2 ? `<span class="badge admin">子管理员</span>` : "",
    p.active ? "" : `<span class="badge inactive">未激活</span>`,
  ].join("");
  return `<li><button type="submit" class="person" name="userid" value="${escapeHtml(p.userId)}" data-userid="${escapeHtml(p.userId)}">`
    + `<span class="avatar" aria-hidden="true">${escapeHtml(p.name.slice(-2))}</span>`
    + `<span class="who"><span class="name">${escapeHtml(p.name)}</span>${badges}`
    + `<span class="meta" style="display:block">${escapeHtml(p.deptName)} · ${escapeHtml(p.mobile)}</span></span></button></li>`;
}

// Search runs server-side (the org may hold 100,000 people); without JS, Enter submits the query.
const SCRIPT = `
(function(){
  var input=document.getElementById('search');var list=document.getElementById('people');
  var clientId=document.querySelector('#people-form input[name=client_id]').value;var timer=null;var seq=0;
  function render(html){var t=document.createElement('template');t.innerHTML=html;list.replaceChildren(t.content)}
  input.addEventListener('input',function(){
    clearTimeout(timer);var mine=++seq;
    timer=setTimeout(function(){
      fetch('/oauth2/auth/people?client_id='+encodeURIComponent(clientId)+'&q='+encodeURIComponent(input.value))
        .then(function(r){return r.json()}).then(function(d){if(mine===seq)render(d.html)});
    },150);
  });
  input.addEventListener('keydown',function(e){if(e.key==='Enter')e.preventDefault()});
})();`;

/** The `<li>` items of the people list (also served to the page's search as HTML). */
export function renderPeople(people: PersonOption[]): string {
  return people.length > 0 ? people.map(renderPerson).join("") : `<li class="empty">没有找到匹配的成员</li>`;
}

export function renderLoginPage(model: LoginPageModel): string {
  const { params } = model;
  const people = renderPeople(model.people);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>钉钉登录</title><style>${STYLES}</style></head>
<body><main>
<header><div class="logo" aria-hidden="true">钉</div><div><h1>钉钉账号登录</h1><p class="sub">${escapeHtml(model.companyName)}</p></div></header>
<div class="consent">应用（${escapeHtml(params.clientId)}）将获取你的钉钉账号信息：昵称、头像、手机号和邮箱。</div>
${model.error ? `<div class="error" role="alert">${escapeHtml(model.error)}</div>` : ""}
<form id="login-form" method="post" action="/oauth2/auth">${hiddenFields(params)}
<label for="mobile">手机号</label>
<div class="row"><input id="mobile" name="mobile" type="tel" inputmode="numeric" autocomplete="tel" maxlength="14" placeholder="请输入 11 位手机号" value="${escapeHtml(model.mobile)}"><button type="submit" class="primary" id="login-button">登录</button></div>
<p class="hint">不在组织里的手机号将以组织外的钉钉账号登录。</p>
</form>
<div class="divider">或选择组织成员（共 ${model.totalPeople} 人）</div>
<form id="people-form" method="post" action="/oauth2/auth">${hiddenFields(params)}
<label for="search">搜索成员</label>
<input id="search" name="q" type="search" autocomplete="off" placeholder="姓名、拼音、手机号" value="${escapeHtml(model.query)}">
<ul id="people" aria-label="组织成员">${people}</ul>
</form>
<footer>钉钉开放平台模拟器 · 仅用于开发与测试</footer>
</main><script>${SCRIPT}</script></body></html>`;
}

export function renderErrorPage(title: string, detail: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLES}</style></head>
<body><main>
<header><div class="logo" aria-hidden="true">钉</div><div><h1>${escapeHtml(title)}</h1><p class="sub">钉钉账号登录</p></div></header>
<div class="error" role="alert" id="login-error">${escapeHtml(detail)}</div>
</main></body></html>`;
}
