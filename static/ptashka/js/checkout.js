/* Basket and checkout pages: small enhancements over forms that work without JavaScript.
   - the order summary (<details data-order-summary>) starts folded on phones and stays open on wide screens;
   - the email step shows the password field only when "Sign in" is chosen (it is ignored for guests);
   - an error summary takes the focus, so screen readers and keyboards start from it;
   - a form posts once: its submit buttons are disabled after the first submission. */
(function () {
    "use strict";

    var wide = window.matchMedia("(min-width: 60rem)");

    function fitSummaries() {
        document.querySelectorAll("details[data-order-summary]").forEach(function (details) {
            details.open = wide.matches;
        });
    }

    function passwordToggle() {
        var box = document.querySelector("[data-password-box]");
        var options = document.querySelectorAll("input[data-gateway-option]");
        if (!box || !options.length) {
            return;
        }
        function update() {
            var existing = document.querySelector("input[data-gateway-option][value=existing]");
            var signingIn = existing && existing.checked;
            box.hidden = !signingIn;
            box.querySelectorAll("input").forEach(function (input) {
                input.disabled = !signingIn;
            });
        }
        options.forEach(function (option) {
            option.addEventListener("change", update);
        });
        update();
    }

    function focusErrors() {
        var summary = document.querySelector("[data-error-summary]");
        if (summary) {
            summary.focus();
        }
    }

    function postOnce() {
        document.querySelectorAll("form.checkout-form, form#place_order_form").forEach(function (form) {
            form.addEventListener("submit", function () {
                // After the browser has read which button was pressed (its name and value are posted).
                window.setTimeout(function () {
                    form.querySelectorAll("button[type=submit]").forEach(function (button) {
                        button.disabled = true;
                    });
                }, 0);
            });
        });
    }

    // A page restored from the back-forward cache keeps its disabled buttons: give them back.
    window.addEventListener("pageshow", function (event) {
        if (event.persisted) {
            document.querySelectorAll("form button[type=submit][disabled]").forEach(function (button) {
                button.disabled = false;
            });
        }
    });

    function start() {
        fitSummaries();
        if (wide.addEventListener) {
            wide.addEventListener("change", fitSummaries);
        }
        passwordToggle();
        focusErrors();
        postOnce();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
