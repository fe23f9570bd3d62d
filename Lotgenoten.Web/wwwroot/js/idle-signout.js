// Signs a participant out after a time without activity. The page carries <form data-idle-signout data-idle-seconds>
// (IdleSignOut.razor): when no key, click, touch or scroll happened in any tab of this site for that long, the form is
// submitted (a POST sign-out with antiforgery) and the browser lands on the public start page. Activity is shared between
// tabs through localStorage, so a second tab does not sign out someone who is busy in the first. Plain script: it works
// on pages with and without an interactive circuit, and after enhanced navigation (the form is looked up each time).
(() => {
    'use strict';
    const key = 'lg-last-activity';
    const checkEveryMs = 5000;
    let last = Date.now();
    let signingOut = false;

    const form = () => document.querySelector('form[data-idle-signout]');

    const touch = () => {
        last = Date.now();
        try {
            localStorage.setItem(key, String(last));
        } catch {
            // Storage may be off (private mode): this tab's own timer still works.
        }
    };

    const lastActivity = () => {
        let shared = 0;
        try {
            shared = Number(localStorage.getItem(key)) || 0;
        } catch {
            shared = 0;
        }
        return Math.max(last, shared);
    };

    ['keydown', 'pointerdown', 'touchstart', 'wheel', 'scroll'].forEach((type) =>
        document.addEventListener(type, touch, { capture: true, passive: true }));
    touch();

    const check = () => {
        const target = form();
        if (!target || signingOut) {
            return;
        }
        const seconds = Number(target.getAttribute('data-idle-seconds'));
        if (!(seconds > 0)) {
            return;
        }
        if (Date.now() - lastActivity() >= seconds * 1000) {
            signingOut = true;
            target.submit();
        }
    };

    window.setInterval(check, checkEveryMs);
    document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') {
            check();
        }
    });
})();
