/** The emulator's "write to the bot" page: pick a person, write, watch the bot's replies arrive. */
export function botPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>给机器人发消息 · DingTalk emulator</title>
<style>
  body { font: 14px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; color: #1f2329; }
  fieldset { border: 1px solid #dee0e3; border-radius: 6px; margin-bottom: 1rem; }
  label { display: inline-block; margin: .25rem 1rem .25rem 0; }
  #log { border: 1px solid #dee0e3; border-radius: 6px; padding: .5rem 1rem; min-height: 10rem; }
  .me { color: #3370ff; } .bot { color: #00a870; } .err { color: #d83931; }
  input[type=text] { width: 28rem; }
</style>
</head>
<body>
<h1>给机器人发消息 <small>Write to the bot</small></h1>
<fieldset>
  <label>发送人 Sender <select id="person"></select></label>
  <label><input type="radio" name="ctype" value="1" checked> 单聊 private</label>
  <label><input type="radio" name="ctype" value="2"> 群聊 group (@机器人)</label>
</fieldset>
<form id="form">
  <input type="text" id="text" placeholder="输入消息 / type a message" autocomplete="off" required>
  <button type="submit">发送 Send</button>
</form>
<h2>对话 Conversation</h2>
<div id="log"></div>
<script>
const person = document.getElementById("person");
const log = document.getElementById("log");
let conversationId = null;
let shown = 0;
function line(cls, text) {
  const p = document.createElement("p");
  p.className = cls;
  p.textContent = text;
  log.appendChild(p);
}
async function json(url, init) {
  const r = await fetch(url, init);
  const body = await r.json();
  if (!r.ok) throw new Error(body.message || r.status);
  return body;
}
json("/__bot/people").then((body) => {
  for (const p of body.people) {
    const o = document.createElement("option");
    o.value = p.userId;
    o.textContent = p.name + " (" + p.userId + ")";
    person.appendChild(o);
  }
}).catch((e) => line("err", String(e)));
document.getElementById("form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const text = document.getElementById("text").value;
  const ctype = document.querySelector("input[name=ctype]:checked").value;
  try {
    const sent = await json("/__bot/messages", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ fromUserId: person.value, text, conversationType: ctype }),
    });
    if (sent.conversationId !== conversationId) { conversationId = sent.conversationId; shown = 0; log.textContent = ""; }
    line("me", person.options[person.selectedIndex].textContent + "：" + text);
    document.getElementById("text").value = "";
  } catch (e) { line("err", String(e)); }
});
setInterval(async () => {
  if (!conversationId) return;
  try {
    const body = await json("/__bot/replies?conversationId=" + encodeURIComponent(conversationId));
    for (const r of body.replies.slice(shown)) {
      const c = r.content || {};
      line("bot", "机器人：" + (c.content || c.text || JSON.stringify(c)));
    }
    shown = body.replies.length;
  } catch (e) { line("err", String(e)); }
}, 1000);
</script>
</body>
</html>`;
}
