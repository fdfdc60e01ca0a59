from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.list_chats_filter import ListChatsFilter
from ...models.list_chats_response_200 import ListChatsResponse200
from ...models.list_chats_sort import ListChatsSort
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_id: str,
    *,
    filter_: ListChatsFilter | Unset = UNSET,
    sort: ListChatsSort | Unset = UNSET,
    subscription_tier_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_filter_: str | Unset = UNSET
    if not isinstance(filter_, Unset):
        json_filter_ = filter_.value

    params["filter"] = json_filter_

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params["subscriptionTierId"] = subscription_tier_id

    params["search"] = search

    params["limit"] = limit

    params["cursor"] = cursor

    params["fresh"] = fresh

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/fansly/{account_id}/chats".format(
            account_id=quote(str(account_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ListChatsResponse200 | None:
    if response.status_code == 200:
        response_200 = ListChatsResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorEnvelope.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = ErrorEnvelope.from_dict(response.json())

        return response_502

    if response.status_code == 504:
        response_504 = ErrorEnvelope.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | ListChatsResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    filter_: ListChatsFilter | Unset = UNSET,
    sort: ListChatsSort | Unset = UNSET,
    subscription_tier_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> Response[ErrorEnvelope | ListChatsResponse200]:
    """List chats

    Args:
        account_id (str):
        filter_ (ListChatsFilter | Unset):
        sort (ListChatsSort | Unset):
        subscription_tier_id (str | Unset):
        search (str | Unset):
        limit (int | Unset):  Default: 25.
        cursor (str | Unset):
        fresh (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ListChatsResponse200]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        filter_=filter_,
        sort=sort,
        subscription_tier_id=subscription_tier_id,
        search=search,
        limit=limit,
        cursor=cursor,
        fresh=fresh,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    filter_: ListChatsFilter | Unset = UNSET,
    sort: ListChatsSort | Unset = UNSET,
    subscription_tier_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> ErrorEnvelope | ListChatsResponse200 | None:
    """List chats

    Args:
        account_id (str):
        filter_ (ListChatsFilter | Unset):
        sort (ListChatsSort | Unset):
        subscription_tier_id (str | Unset):
        search (str | Unset):
        limit (int | Unset):  Default: 25.
        cursor (str | Unset):
        fresh (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ListChatsResponse200
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
        filter_=filter_,
        sort=sort,
        subscription_tier_id=subscription_tier_id,
        search=search,
        limit=limit,
        cursor=cursor,
        fresh=fresh,
    ).parsed


async def asyncio_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    filter_: ListChatsFilter | Unset = UNSET,
    sort: ListChatsSort | Unset = UNSET,
    subscription_tier_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> Response[ErrorEnvelope | ListChatsResponse200]:
    """List chats

    Args:
        account_id (str):
        filter_ (ListChatsFilter | Unset):
        sort (ListChatsSort | Unset):
        subscription_tier_id (str | Unset):
        search (str | Unset):
        limit (int | Unset):  Default: 25.
        cursor (str | Unset):
        fresh (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ListChatsResponse200]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        filter_=filter_,
        sort=sort,
        subscription_tier_id=subscription_tier_id,
        search=search,
        limit=limit,
        cursor=cursor,
        fresh=fresh,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    filter_: ListChatsFilter | Unset = UNSET,
    sort: ListChatsSort | Unset = UNSET,
    subscription_tier_id: str | Unset = UNSET,
    search: str | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: str | Unset = UNSET,
    fresh: bool | Unset = UNSET,
) -> ErrorEnvelope | ListChatsResponse200 | None:
    """List chats

    Args:
        account_id (str):
        filter_ (ListChatsFilter | Unset):
        sort (ListChatsSort | Unset):
        subscription_tier_id (str | Unset):
        search (str | Unset):
        limit (int | Unset):  Default: 25.
        cursor (str | Unset):
        fresh (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ListChatsResponse200
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            filter_=filter_,
            sort=sort,
            subscription_tier_id=subscription_tier_id,
            search=search,
            limit=limit,
            cursor=cursor,
            fresh=fresh,
        )
    ).parsed
