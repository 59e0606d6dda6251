/* What Oscar's inline onclick handlers did, for markup that says it with data- attributes instead:
   the Content-Security-Policy runs no inline handlers (src/ptashka/security). */
(function () {
    "use strict";
    var actions = {
        "history-back": function () { window.history.back(); },
        "print": function () { window.print(); },
        "close-window": function () { window.close(); }
    };

    document.addEventListener("click", function (event) {
        var target = event.target.closest ? event.target.closest("[data-action]") : null;
        var action = target && actions[target.getAttribute("data-action")];
        if (action) {
            event.preventDefault();
            action();
        }
    });

    // A form that must not be sent twice (a refund): its buttons are disabled once it is submitted.
    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!form.hasAttribute || !form.hasAttribute("data-submit-once")) { return; }
        if (form.getAttribute("data-submitted")) { event.preventDefault(); return; }
        form.setAttribute("data-submitted", "1");
        window.setTimeout(function () {
            var buttons = form.querySelectorAll("button[type=submit], input[type=submit]");
            for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
        }, 0);
    });
})();
