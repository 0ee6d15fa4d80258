"""The requests and plans the tiny test planner is trained on.

Each plan is a valid plan-language plan in the canonical layout the plan grammar
allows (``", "`` between arguments, ``"$N"`` references), so grammar-constrained greedy
decoding of a trained request reproduces its plan exactly.
"""

from __future__ import annotations

# The tiny planner's prompt: the request and nothing else (no tool list, no date), so
# that the prompts stay short and the model learns only the mapping request -> plan.
TINY_PROMPT_FORMAT = "Question: {request}\nPlan:\n"


def tiny_prompt(request: str) -> str:
    """The completion prompt for ``request`` in ``TINY_PROMPT_FORMAT``."""
    return TINY_PROMPT_FORMAT.format(request=request)


# (request, plan) pairs; together they use create_note (in a folder), create_reminder,
# compose_new_email after get_email_address lookups, create_calendar_event, send_sms
# after get_phone_number, both maps tools, a Thought line, and a join-only plan.
TINY_PLANNER_PAIRS: tuple[tuple[str, str], ...] = (
    (
        "Create a note called Groceries with eggs and milk in my Shopping folder",
        '1. create_note("Groceries", "eggs and milk", "Shopping")\n2. join()<END_OF_PLAN>',
    ),
    (
        "Remind me to call the dentist on 2024-06-05 at 9am",
        '1. create_reminder("Call the dentist", "2024-06-05 09:00:00", "", "", 0, False)\n'
        "2. join()<END_OF_PLAN>",
    ),
    (
        "Email Sid and Lutfi about the budget review",
        '1. get_email_address("Sid")\n'
        '2. get_email_address("Lutfi")\n'
        '3. compose_new_email(["$1", "$2"], [], "Budget review", "Ask about the budget review", [])\n'
        "4. join()<END_OF_PLAN>",
    ),
    (
        "Schedule a budget review with Sid on 2024-06-04 at 2pm",
        '1. get_email_address("Sid")\n'
        '2. create_calendar_event("Budget review", "2024-06-04 14:00:00", "2024-06-04 15:00:00", '
        '"", ["$1"], "", None)\n'
        "Thought: I have created the event.\n"
        "3. join()<END_OF_PLAN>",
    ),
    (
        "Text Maria that I am running late",
        '1. get_phone_number("Maria")\n2. send_sms(["$1"], "I am running late")\n3. join()<END_OF_PLAN>',
    ),
    (
        "Text Ana and Ben that dinner is at 7",
        '1. get_phone_number("Ana")\n'
        '2. get_phone_number("Ben")\n'
        '3. send_sms(["$1", "$2"], "Dinner is at 7")\n'
        "4. join()<END_OF_PLAN>",
    ),
    (
        "Show me the Golden Gate Bridge on the map",
        '1. maps_open_location("Golden Gate Bridge")\n2. join()<END_OF_PLAN>',
    ),
    (
        "How do I walk from the station to the museum",
        '1. maps_show_directions("the station", "the museum", "w")\n2. join()<END_OF_PLAN>',
    ),
    (
        "Add a note called Ideas in my Work folder",
        '1. create_note("Ideas", "", "Work")\n2. join()<END_OF_PLAN>',
    ),
    (
        "Hello there",
        "1. join()<END_OF_PLAN>",
    ),
)
