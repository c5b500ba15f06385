// Shows how far an upload of figures has gone, then that the file is being
// checked. Without this script the form posts as usual and the browser shows
// its own progress.
const form = document.querySelector('form[data-upload-progress]')
const input = form && form.querySelector('input[type="file"]')
const status = document.getElementById('upload-status')

if (form && input && status && window.FormData && window.XMLHttpRequest) {
  const bar = status.querySelector('progress')
  const text = status.querySelector('[data-status-text]')
  const button = form.querySelector('button[type="submit"]')
  let sending = false

  form.addEventListener('submit', (event) => {
    // No file chosen: let the server say so, as it does without JavaScript.
    if (sending || !input.files || input.files.length === 0) return
    event.preventDefault()
    sending = true
    status.hidden = false
    button.disabled = true
    bar.value = 0
    text.textContent = 'Uploading your file: 0%'

    const xhr = new XMLHttpRequest()
    xhr.open('POST', form.action)
    xhr.setRequestHeader('X-Upload-Progress', '1')
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return
      const percent = Math.round((e.loaded / e.total) * 100)
      bar.value = percent
      text.textContent = 'Uploading your file: ' + percent + '%'
    })
    xhr.upload.addEventListener('load', () => {
      bar.removeAttribute('value') // an indeterminate bar while the server checks
      text.textContent = 'Uploaded. Checking every figure in your file…'
    })
    xhr.addEventListener('load', () => {
      const next = xhr.getResponseHeader('X-Preview-Location')
      if (xhr.status === 201 && next) {
        text.textContent = 'Checking every figure in your file…'
        window.location.assign(next)
        return
      }
      // The file was refused: post it the usual way to show the page that says why.
      form.submit()
    })
    xhr.addEventListener('error', () => form.submit())
    xhr.send(new FormData(form))
  })
}
