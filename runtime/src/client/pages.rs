//! The paginators of both clients: [`Pages`] (an `Iterator`) and [`PageStream`] (a
//! `futures_core::Stream`), each page one call retried like `call`, the cursor moved by the
//! client's sans-I/O [`PageState`].

use super::answer::Answer;
use super::paging::{PageState, Probe};
use super::CodeOf;
use crate::paging::Paginate;
use crate::{ActionRequest, Error};

/// A page and what its body said of the paging.
pub(crate) type Fetched<R> = (<R as ActionRequest>::Response, Probe);

/// One page's answer decoded, and its body probed for what the next request needs.
pub(crate) fn decode_page<R: ActionRequest>(
    answer: &Answer,
    state: &PageState,
) -> Result<Fetched<R>, Error<CodeOf<R>>> {
    Ok((answer.decode::<R::Response>()?, state.probe(&answer.body)))
}

/// The paginator's state for `request`, or the error that it cannot page.
pub(crate) fn start<R: Paginate>(request: &R) -> Result<PageState, Error<CodeOf<R>>> {
    let action = <R::Response as crate::Action>::ACTION;
    let params = serde_json::to_value(request)
        .map_err(|e| Error::sign(format!("cannot serialize the request payload: {e}"), action))?;
    PageState::new(R::PAGING, params).map_err(|reason| Error::sign(reason, action))
}

/// Each item of each page, from a paginator's pages: `Ok(item)`s, then the first error.
#[cfg(feature = "ureq")]
#[derive(Debug)]
pub struct Items<P, F, I: IntoIterator> {
    pages: P,
    each: F,
    current: Option<I::IntoIter>,
}

#[cfg(feature = "ureq")]
impl<P, F, I: IntoIterator> Items<P, F, I> {
    pub(crate) fn new(pages: P, each: F) -> Self {
        Items {
            pages,
            each,
            current: None,
        }
    }
}

#[cfg(feature = "ureq")]
impl<P, F, I, T, E> Iterator for Items<P, F, I>
where
    P: Iterator<Item = Result<T, E>>,
    F: FnMut(T) -> I,
    I: IntoIterator,
{
    type Item = Result<I::Item, E>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(page) => self.current = Some((self.each)(page).into_iter()),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

#[cfg(feature = "ureq")]
pub use blocking::Pages;

#[cfg(feature = "ureq")]
mod blocking {
    use super::*;
    use crate::client::Client;

    /// The pages of a paging request, fetched as the iterator is advanced: one
    /// `Ok(response)` per page, or the first error, after which it ends. From
    /// [`Client::paginate`].
    #[derive(Debug)]
    pub struct Pages<'c, R: ActionRequest> {
        client: &'c Client,
        state: Option<PageState>,
        error: Option<Error<CodeOf<R>>>,
    }

    impl<'c, R: Paginate> Pages<'c, R> {
        pub(crate) fn new(client: &'c Client, request: &R) -> Self {
            match start(request) {
                Ok(state) => Pages {
                    client,
                    state: Some(state),
                    error: None,
                },
                Err(e) => Pages {
                    client,
                    state: None,
                    error: Some(e),
                },
            }
        }

        /// The items of every page, in order: `each` takes a page's list out of it
        /// (`|page| page.instance_set`).
        pub fn items<F, I>(self, each: F) -> Items<Self, F, I>
        where
            F: FnMut(R::Response) -> I,
            I: IntoIterator,
        {
            Items::new(self, each)
        }
    }

    // Bound on `ActionRequest` only: a request that does not page is refused once, at
    // `paginate`.
    impl<R: ActionRequest> Iterator for Pages<'_, R> {
        type Item = Result<R::Response, Error<CodeOf<R>>>;

        fn next(&mut self) -> Option<Self::Item> {
            if let Some(error) = self.error.take() {
                return Some(Err(error));
            }
            let state = self.state.as_mut()?;
            let Some(body) = state.next_body() else {
                self.state = None;
                return None;
            };
            match self.client.fetch_page::<R>(body, state) {
                Ok((page, probe)) => {
                    state.advance(probe);
                    Some(Ok(page))
                }
                Err(e) => {
                    self.state = None;
                    Some(Err(e))
                }
            }
        }
    }
}

#[cfg(feature = "reqwest")]
pub use nonblocking::{ItemStream, PageStream};

#[cfg(feature = "reqwest")]
mod nonblocking {
    use std::fmt;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use futures_core::Stream;

    use super::*;
    use crate::client::AsyncClient;

    type PageFuture<'c, R> = Pin<
        Box<dyn Future<Output = (PageState, Result<Fetched<R>, Error<CodeOf<R>>>)> + Send + 'c>,
    >;

    /// The pages of a paging request as a [`Stream`]: one `Ok(response)` per page, or the
    /// first error, after which it ends. From [`AsyncClient::paginate`].
    pub struct PageStream<'c, R: ActionRequest> {
        client: &'c AsyncClient,
        state: Option<PageState>,
        error: Option<Error<CodeOf<R>>>,
        next: Option<PageFuture<'c, R>>,
    }

    impl<R: ActionRequest> fmt::Debug for PageStream<'_, R> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("PageStream")
                .field("state", &self.state)
                .field("fetching", &self.next.is_some())
                .finish_non_exhaustive()
        }
    }

    impl<'c, R: Paginate> PageStream<'c, R>
    where
        R::Response: Send,
    {
        pub(crate) fn new(client: &'c AsyncClient, request: &R) -> Self {
            let (state, error) = match start(request) {
                Ok(state) => (Some(state), None),
                Err(e) => (None, Some(e)),
            };
            PageStream {
                client,
                state,
                error,
                next: None,
            }
        }
    }

    impl<'c, R: Paginate> PageStream<'c, R>
    where
        R::Response: Send,
    {
        /// The items of every page, in order, as a stream: `each` takes a page's list out of
        /// it (`|page| page.instance_set`).
        pub fn items<F, I>(self, each: F) -> ItemStream<Self, F, I>
        where
            F: FnMut(R::Response) -> I,
            I: IntoIterator,
        {
            ItemStream {
                pages: self,
                each,
                current: None,
            }
        }
    }

    /// Each item of each page, from a [`PageStream`]: `Ok(item)`s, then the first error.
    pub struct ItemStream<P, F, I: IntoIterator> {
        pages: P,
        each: F,
        current: Option<I::IntoIter>,
    }

    impl<P, F, I: IntoIterator> fmt::Debug for ItemStream<P, F, I> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("ItemStream").finish_non_exhaustive()
        }
    }

    impl<P, F, I, T, E> Stream for ItemStream<P, F, I>
    where
        P: Stream<Item = Result<T, E>> + Unpin,
        F: FnMut(T) -> I + Unpin,
        I: IntoIterator,
        I::IntoIter: Unpin,
    {
        type Item = Result<I::Item, E>;

        fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            let this = self.get_mut();
            loop {
                if let Some(item) = this.current.as_mut().and_then(Iterator::next) {
                    return Poll::Ready(Some(Ok(item)));
                }
                match Pin::new(&mut this.pages).poll_next(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(None) => return Poll::Ready(None),
                    Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                    Poll::Ready(Some(Ok(page))) => {
                        this.current = Some((this.each)(page).into_iter());
                    }
                }
            }
        }
    }

    impl<'c, R: ActionRequest> Stream for PageStream<'c, R>
    where
        R::Response: Send,
    {
        type Item = Result<R::Response, Error<CodeOf<R>>>;

        fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            // Every field is Unpin (the future is boxed).
            let this = self.get_mut();
            if let Some(error) = this.error.take() {
                return Poll::Ready(Some(Err(error)));
            }
            if this.next.is_none() {
                let Some(state) = this.state.take() else {
                    return Poll::Ready(None);
                };
                let Some(body) = state.next_body() else {
                    return Poll::Ready(None);
                };
                let client = this.client;
                this.next = Some(Box::pin(async move {
                    let fetched = client.fetch_page::<R>(body, &state).await;
                    (state, fetched)
                }));
            }
            let Some(next) = this.next.as_mut() else {
                return Poll::Ready(None);
            };
            let (mut state, fetched) = match next.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(done) => done,
            };
            this.next = None;
            match fetched {
                Ok((page, probe)) => {
                    state.advance(probe);
                    this.state = Some(state);
                    Poll::Ready(Some(Ok(page)))
                }
                Err(e) => Poll::Ready(Some(Err(e))),
            }
        }
    }
}
