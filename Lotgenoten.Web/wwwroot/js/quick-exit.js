// Quick exit ("Snel weg") for participant pages: a click on [data-quick-exit], or Escape pressed three times within
// two seconds, replaces this page with a neutral site. location.replace drops this page from the history, so the
// Back button does not return here. When someone is signed in, the page's sign-out form (with its antiforgery token)
// is sent along as a beacon first: whoever opens the browser next finds a sign-in page, not the meetings.
// Plain script: it works on pages with and without an interactive circuit.
(() => {
    'use strict';
    const windowMs = 2000;
    let presses = [];

    const exitLink = () => document.querySelector('[data-quick-exit]');

    const leave = (href) => {
        if (!href) {
            return;
        }
        document.documentElement.style.visibility = 'hidden';
        const signOut = document.querySelector('form.lg-signout');
        if (signOut && navigator.sendBeacon) {
            try {
                navigator.sendBeacon(signOut.action, new FormData(signOut));
            } catch {
                // Leaving matters more than signing out.
            }
        }
        window.location.replace(href);
    };

    document.addEventListener('click', (event) => {
        const link = event.target instanceof Element ? event.target.closest('[data-quick-exit]') : null;
        if (!link) {
            return;
        }
        event.preventDefault();
        event.stopPropagation();
        leave(link.getAttribute('href'));
    }, true);

    document.addEventListener('keydown', (event) => {
        if (event.key !== 'Escape') {
            return;
        }
        const link = exitLink();
        if (!link) {
            return;
        }
        const now = Date.now();
        presses = presses.filter((t) => now - t < windowMs);
        presses.push(now);
        if (presses.length >= 3) {
            presses = [];
            leave(link.getAttribute('href'));
        }
    }, true);
})();
