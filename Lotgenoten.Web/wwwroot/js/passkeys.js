// Passkeys (WebAuthn) for the <passkey-submit> element that PasskeySubmit.razor renders inside a form. A click on its
// button asks the server for options (POST with the form's antiforgery token), lets the browser create or use a passkey,
// puts the credential JSON in the element's hidden field and submits the form. Plain script, no inline code (CSP).
(() => {
    'use strict';

    const supported = () =>
        typeof navigator.credentials !== 'undefined' &&
        typeof window.PublicKeyCredential !== 'undefined' &&
        typeof window.PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
        typeof window.PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

    const base64Url = (buffer) => {
        const bytes = new Uint8Array(buffer);
        let binary = '';
        for (const byte of bytes) {
            binary += String.fromCharCode(byte);
        }
        return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    };

    // PublicKeyCredential.toJSON where the browser has it; the same shape by hand where it does not.
    const toJson = (credential) => {
        if (typeof credential.toJSON === 'function') {
            return JSON.stringify(credential);
        }
        const response = {};
        for (const key of ['clientDataJSON', 'attestationObject', 'authenticatorData', 'signature', 'userHandle']) {
            if (credential.response[key]) {
                response[key] = base64Url(credential.response[key]);
            }
        }
        if (typeof credential.response.getTransports === 'function') {
            response.transports = credential.response.getTransports();
        }
        return JSON.stringify({
            id: credential.id,
            rawId: base64Url(credential.rawId),
            type: credential.type,
            authenticatorAttachment: credential.authenticatorAttachment ?? null,
            clientExtensionResults: credential.getClientExtensionResults(),
            response,
        });
    };

    class PasskeySubmit extends HTMLElement {
        connectedCallback() {
            if (this.wired) {
                return;
            }
            this.wired = true;
            this.button = this.querySelector('[data-passkey-trigger]');
            this.button?.addEventListener('click', (event) => {
                event.preventDefault();
                this.run();
            });
            if (!supported()) {
                this.say(this.dataset.textUnsupported);
            }
        }

        disconnectedCallback() {
            this.abort?.abort();
            this.wired = false;
        }

        say(text) {
            const status = this.querySelector('[data-passkey-status]');
            if (status) {
                status.textContent = text ?? '';
            }
        }

        busy(on) {
            if (this.button) {
                this.button.disabled = on;
                this.button.setAttribute('aria-busy', on ? 'true' : 'false');
            }
        }

        async run() {
            const form = this.closest('form');
            if (!form) {
                return;
            }
            if (!supported()) {
                this.say(this.dataset.textUnsupported);
                return;
            }

            const operation = this.getAttribute('operation');
            const body = new URLSearchParams();
            const token = form.querySelector('input[name="__RequestVerificationToken"]');
            if (token) {
                body.append('__RequestVerificationToken', token.value);
            }
            const userNameField = this.getAttribute('user-name-field');
            if (operation === 'create' && userNameField) {
                const field = form.elements.namedItem(userNameField);
                const userName = field && 'value' in field ? field.value.trim() : '';
                if (!userName) {
                    this.say(this.dataset.textNoUserName);
                    field?.focus?.();
                    return;
                }
                body.append('userName', userName);
            }

            this.abort?.abort();
            this.abort = new AbortController();
            const signal = this.abort.signal;
            this.say('');
            this.busy(true);
            try {
                const response = await fetch(this.getAttribute('options-url'), {
                    method: 'POST',
                    body,
                    credentials: 'same-origin',
                    signal,
                });
                if (response.status === 429) {
                    this.busy(false);
                    this.say(this.dataset.textTooMany);
                    return;
                }
                if (!response.ok) {
                    throw new Error(`options: ${response.status}`);
                }
                const json = await response.json();
                const credential = operation === 'create'
                    ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json), signal })
                    : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json), signal });
                if (!credential) {
                    throw new Error('no credential');
                }
                const hidden = this.querySelector('[data-passkey-credential]');
                hidden.value = toJson(credential);
                this.say(this.dataset.textWorking);
                form.submit();
            } catch (error) {
                this.busy(false);
                if (error?.name === 'AbortError') {
                    return;
                }
                this.say(this.dataset.textFailed);
            }
        }
    }

    if (!customElements.get('passkey-submit')) {
        customElements.define('passkey-submit', PasskeySubmit);
    }
})();
