// Says the report's PDF is being made while the server makes it, then saves
// it. Without this script the button's request simply waits and downloads.
const form = document.querySelector('form[data-module="app-pdf-download"]')
const status = document.getElementById('pdf-status')

if (form && status && window.fetch && window.URL && URL.createObjectURL) {
  const button = form.querySelector('button[type="submit"]')
  let making = false

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    if (making) return
    making = true
    button.disabled = true
    button.setAttribute('aria-disabled', 'true')
    status.textContent = 'Making the PDF… this takes a few seconds.'
    try {
      const res = await fetch(form.action, { credentials: 'same-origin' })
      const type = res.headers.get('Content-Type') || ''
      if (!res.ok || !type.startsWith('application/pdf')) {
        // The server's own page says what went wrong, such as Chromium missing.
        window.location.assign(form.action)
        return
      }
      const blob = await res.blob()
      const url = URL.createObjectURL(blob)
      const link = document.createElement('a')
      link.href = url
      link.download = form.dataset.filename || 'annual-report.pdf'
      document.body.appendChild(link)
      link.click()
      link.remove()
      setTimeout(() => URL.revokeObjectURL(url), 60000)
      status.textContent = 'The PDF is ready and has been downloaded (' + Math.round(blob.size / 1024) + ' KB).'
    } catch (err) {
      status.textContent = 'The PDF could not be made. Try again in a minute.'
    } finally {
      making = false
      button.disabled = false
      button.removeAttribute('aria-disabled')
    }
  })
}
