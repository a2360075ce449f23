-- Neovim's own LSP client against `nginx-lint server` (run by NvimLanguageServerTest):
--   NGINX_LINT_SERVER_CMD  the server command as a JSON list
--   NGINX_LINT_FILE        the config to open
--   NGINX_LINT_RULE        the finding whose preferred quick fix is applied
-- Opens the file, waits for the rule's diagnostic, asks for code actions on it, applies the
-- preferred (safe) one, writes the file and quits; exits non-zero (cquit) with a message on stderr
-- when a step fails. Written for the vim.lsp API of Neovim 0.7 (Debian 12) and later.
local function fail(msg)
  io.stderr:write('nvim: ' .. msg .. '\n')
  vim.cmd('cquit 3')
end

local cmd = vim.fn.json_decode(os.getenv('NGINX_LINT_SERVER_CMD'))
local file = os.getenv('NGINX_LINT_FILE')
local rule = os.getenv('NGINX_LINT_RULE')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = 'nginx-lint', cmd = cmd, root_dir = vim.fn.fnamemodify(file, ':p:h') })
if not id then
  return fail('the server did not start')
end
vim.lsp.buf_attach_client(buf, id)

local function lsp_code(d)
  local lsp = d.user_data and d.user_data.lsp
  return d.code or (lsp and lsp.code)
end

local found
vim.wait(60000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if lsp_code(d) == rule then
      found = d
      return true
    end
  end
  return false
end, 50)
if not found then
  return fail('no ' .. rule .. ' diagnostic within 60 s')
end
io.stdout:write('diagnostic: ' .. rule .. ' at line ' .. (found.lnum + 1) .. ': ' .. found.message .. '\n')

local client = vim.lsp.get_client_by_id(id)
local pos = { line = found.lnum, character = found.col }
local resp = client.request_sync('textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = pos, ['end'] = pos },
  context = { diagnostics = { found.user_data and found.user_data.lsp or {} }, only = { 'quickfix' } },
}, 30000, buf)
if not resp or resp.err or not resp.result then
  return fail('codeAction failed: ' .. vim.inspect(resp))
end
local chosen
for _, action in ipairs(resp.result) do
  local d = action.diagnostics and action.diagnostics[1]
  if action.isPreferred and d and d.code == rule then
    chosen = action
    break
  end
end
if not chosen then
  return fail('no preferred quick fix for ' .. rule .. ' in ' .. vim.inspect(resp.result))
end
io.stdout:write('applying: ' .. chosen.title .. '\n')
vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
vim.cmd('write')
client.stop()
vim.cmd('qall!')
