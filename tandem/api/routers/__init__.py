"""The API's routers, one module per kind of reader: accounts (me), settings (a member of
staff), family (a guardian), organisations (a lead)."""
