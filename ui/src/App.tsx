import { generateId } from "ai";
import { useCallback, useEffect, useRef, useState } from "react";
import { listConversations, loadConversation, type ChatMessage, type ConversationSummary } from "./chat";
import { Conversation } from "./Conversation";

const TOKEN_KEY = "trino-ai-token";
const CONVERSATION_PATH = /^\/c\/([A-Za-z0-9_-]{1,64})$/;

/** The token comes once in the URL (#token=..., as ./dev up prints it), then from local storage. */
function initialToken(): string {
  const fromUrl = new URLSearchParams(window.location.hash.slice(1)).get("token");
  if (fromUrl) {
    localStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, "", window.location.pathname);
    return fromUrl;
  }
  return localStorage.getItem(TOKEN_KEY) ?? "";
}

/** The conversation a URL names: /c/ID, which the proxy serves the page for, so a reload or a link reopens it. */
function conversationInUrl(): string | undefined {
  return CONVERSATION_PATH.exec(window.location.pathname)?.[1];
}

const WHEN = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

interface Open {
  id: string;
  messages: ChatMessage[];
}

export function App() {
  const [token, setToken] = useState(initialToken);
  const [open, setOpen] = useState<Open | null>(null);
  const [conversations, setConversations] = useState<ConversationSummary[]>([]);
  const [historyShown, setHistoryShown] = useState(false);
  // read when a conversation opens; a token pasted after a refusal must not reopen (and so reset) the one in view
  const tokenRef = useRef(token);
  tokenRef.current = token;

  const refreshHistory = useCallback(() => {
    if (!token) return;
    listConversations(token).then(setConversations, () => setConversations([]));
  }, [token]);
  useEffect(refreshHistory, [refreshHistory]);

  /** Opens a kept conversation, or a new one when there is none with that id (or no id). */
  const openConversation = useCallback(
    async (id: string | undefined) => {
      const messages = id && tokenRef.current ? await loadConversation(id, tokenRef.current).catch(() => null) : null;
      setOpen(id && messages ? { id, messages } : { id: generateId(), messages: [] });
      setHistoryShown(false);
    },
    [],
  );
  useEffect(() => {
    openConversation(conversationInUrl());
    const onPop = () => openConversation(conversationInUrl());
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [openConversation]);

  const go = (id: string | undefined) => {
    history.pushState(null, "", id ? `/c/${id}` : "/");
    openConversation(id);
  };

  return (
    <div className="app">
      <header className="top">
        <button type="button" className="history-toggle" aria-expanded={historyShown} onClick={() => setHistoryShown((shown) => !shown)}>
          History
        </button>
        <h1>Ask the PMO data</h1>
        <p>Numbers come from SQL over the warehouse; the narrative cites the risks, milestones and OKRs behind them.</p>
      </header>
      <aside className={historyShown ? "history shown" : "history"} aria-label="Conversations">
        <button type="button" className="new" onClick={() => go(undefined)}>
          New conversation
        </button>
        <ul data-testid="history">
          {conversations.map((conversation) => (
            <li key={conversation.id}>
              <a
                href={`/c/${conversation.id}`}
                data-testid="conversation-link"
                aria-current={conversation.id === open?.id ? "page" : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  go(conversation.id);
                }}
              >
                <span className="title">{conversation.title}</span>
                <span className="when">
                  {WHEN.format(new Date(conversation.updatedAt))} · {conversation.questions} question{conversation.questions === 1 ? "" : "s"}
                </span>
              </a>
            </li>
          ))}
        </ul>
        {conversations.length === 0 && <p className="empty">Your conversations will be listed here.</p>}
      </aside>

      <div className="main">
        {open && (
          <Conversation
            key={open.id}
            id={open.id}
            initial={open.messages}
            token={token}
            onToken={(next) => {
              setToken(next);
              localStorage.setItem(TOKEN_KEY, next);
            }}
            onAsked={() => {
              if (conversationInUrl() !== open.id) history.replaceState(null, "", `/c/${open.id}`);
            }}
            onAnswered={refreshHistory}
          />
        )}
      </div>
    </div>
  );
}
