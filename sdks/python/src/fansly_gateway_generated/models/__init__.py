"""Contains all the data models used in inputs/outputs"""

from .access_rule import AccessRule
from .access_type_type_0 import AccessTypeType0
from .access_type_type_1_item import AccessTypeType1Item
from .account import Account
from .account_avatar_type_0 import AccountAvatarType0
from .account_banner_type_0 import AccountBannerType0
from .account_media import AccountMedia
from .account_response_200 import AccountResponse200
from .account_response_200_data import AccountResponse200Data
from .account_response_200_data_data import AccountResponse200DataData
from .account_response_200_data_data_response import AccountResponse200DataDataResponse
from .account_timeline_stats import AccountTimelineStats
from .accounts_by_ids_response_200 import AccountsByIdsResponse200
from .accounts_by_ids_response_200_data import AccountsByIdsResponse200Data
from .accounts_by_ids_response_200_data_data import AccountsByIdsResponse200DataData
from .active_subscribers_response_200 import ActiveSubscribersResponse200
from .active_subscribers_response_200_data import ActiveSubscribersResponse200Data
from .active_subscribers_response_200_data_data import (
    ActiveSubscribersResponse200DataData,
)
from .active_subscribers_response_200_data_data_response import (
    ActiveSubscribersResponse200DataDataResponse,
)
from .active_subscribers_response_200_data_data_response_stats import (
    ActiveSubscribersResponse200DataDataResponseStats,
)
from .add_list_member_body import AddListMemberBody
from .add_list_member_response_200 import AddListMemberResponse200
from .add_list_member_response_200_data import AddListMemberResponse200Data
from .add_list_member_response_200_data_data import AddListMemberResponse200DataData
from .add_payout_method_body import AddPayoutMethodBody
from .add_payout_method_body_metadata_type_1 import AddPayoutMethodBodyMetadataType1
from .add_payout_method_response_200 import AddPayoutMethodResponse200
from .add_payout_method_response_200_data import AddPayoutMethodResponse200Data
from .add_payout_method_response_200_data_data import AddPayoutMethodResponse200DataData
from .album import Album
from .attachment import Attachment
from .automated_message import AutomatedMessage
from .automated_message_message_template import AutomatedMessageMessageTemplate
from .balance_response_200 import BalanceResponse200
from .balance_response_200_data import BalanceResponse200Data
from .balance_response_200_data_data import BalanceResponse200DataData
from .balance_response_200_data_data_response import BalanceResponse200DataDataResponse
from .balance_response_200_data_data_response_wallets_item import (
    BalanceResponse200DataDataResponseWalletsItem,
)
from .broadcast import Broadcast
from .broadcast_stats import BroadcastStats
from .cancel_scheduled_post_response_200 import CancelScheduledPostResponse200
from .cancel_scheduled_post_response_200_data import CancelScheduledPostResponse200Data
from .cancel_scheduled_post_response_200_data_data import (
    CancelScheduledPostResponse200DataData,
)
from .chat import Chat
from .chat_media_stats_response_200 import ChatMediaStatsResponse200
from .chat_media_stats_response_200_data import ChatMediaStatsResponse200Data
from .chat_media_stats_response_200_data_data import ChatMediaStatsResponse200DataData
from .chat_media_stats_response_200_data_data_response import (
    ChatMediaStatsResponse200DataDataResponse,
)
from .chat_media_stats_response_200_data_data_response_aggregation_data import (
    ChatMediaStatsResponse200DataDataResponseAggregationData,
)
from .chat_media_stats_response_200_data_data_response_data_item import (
    ChatMediaStatsResponse200DataDataResponseDataItem,
)
from .chat_tips_response_200 import ChatTipsResponse200
from .chat_tips_response_200_data import ChatTipsResponse200Data
from .chat_tips_response_200_data_data import ChatTipsResponse200DataData
from .chat_tips_response_200_data_data_response import (
    ChatTipsResponse200DataDataResponse,
)
from .chat_tips_response_200_data_data_response_aggregation_data import (
    ChatTipsResponse200DataDataResponseAggregationData,
)
from .connect_body import ConnectBody
from .connect_response_200 import ConnectResponse200
from .connect_response_200_data_type_0 import ConnectResponse200DataType0
from .connect_response_200_data_type_0_data import ConnectResponse200DataType0Data
from .connect_response_200_data_type_0_data_response import (
    ConnectResponse200DataType0DataResponse,
)
from .connect_response_200_data_type_1 import ConnectResponse200DataType1
from .connected_account import ConnectedAccount
from .connected_account_status import ConnectedAccountStatus
from .create_automated_message_body import CreateAutomatedMessageBody
from .create_automated_message_body_trigger_type_type_0 import (
    CreateAutomatedMessageBodyTriggerTypeType0,
)
from .create_automated_message_response_200 import CreateAutomatedMessageResponse200
from .create_automated_message_response_200_data import (
    CreateAutomatedMessageResponse200Data,
)
from .create_automated_message_response_200_data_data import (
    CreateAutomatedMessageResponse200DataData,
)
from .create_group_body import CreateGroupBody
from .create_group_body_recipients_item import CreateGroupBodyRecipientsItem
from .create_group_body_users_item import CreateGroupBodyUsersItem
from .create_group_response_200 import CreateGroupResponse200
from .create_group_response_200_data import CreateGroupResponse200Data
from .create_group_response_200_data_data import CreateGroupResponse200DataData
from .create_list_body import CreateListBody
from .create_list_response_200 import CreateListResponse200
from .create_list_response_200_data import CreateListResponse200Data
from .create_list_response_200_data_data import CreateListResponse200DataData
from .create_post_body import CreatePostBody
from .create_post_body_attachments_item import CreatePostBodyAttachmentsItem
from .create_post_body_pinned_type_1 import CreatePostBodyPinnedType1
from .create_post_response_201 import CreatePostResponse201
from .create_post_response_201_data import CreatePostResponse201Data
from .create_post_response_201_data_data import CreatePostResponse201DataData
from .create_webhook_body import CreateWebhookBody
from .create_webhook_response_201 import CreateWebhookResponse201
from .create_webhook_response_201_data import CreateWebhookResponse201Data
from .delete_automated_message_response_200 import DeleteAutomatedMessageResponse200
from .delete_automated_message_response_200_data import (
    DeleteAutomatedMessageResponse200Data,
)
from .delete_automated_message_response_200_data_data import (
    DeleteAutomatedMessageResponse200DataData,
)
from .delete_message_response_200 import DeleteMessageResponse200
from .delete_message_response_200_data import DeleteMessageResponse200Data
from .delete_message_response_200_data_data import DeleteMessageResponse200DataData
from .delete_payout_method_body import DeletePayoutMethodBody
from .delete_payout_method_response_200 import DeletePayoutMethodResponse200
from .delete_payout_method_response_200_data import DeletePayoutMethodResponse200Data
from .delete_payout_method_response_200_data_data import (
    DeletePayoutMethodResponse200DataData,
)
from .delete_post_response_200 import DeletePostResponse200
from .delete_post_response_200_data import DeletePostResponse200Data
from .delete_post_response_200_data_data import DeletePostResponse200DataData
from .delete_webhook_response_200 import DeleteWebhookResponse200
from .delete_webhook_response_200_data import DeleteWebhookResponse200Data
from .disconnect_account_response_200 import DisconnectAccountResponse200
from .disconnect_account_response_200_data import DisconnectAccountResponse200Data
from .download_account_media_body import DownloadAccountMediaBody
from .download_media_body import DownloadMediaBody
from .earnings_monthly_response_200 import EarningsMonthlyResponse200
from .earnings_monthly_response_200_data import EarningsMonthlyResponse200Data
from .earnings_monthly_response_200_data_data import EarningsMonthlyResponse200DataData
from .earnings_response_200 import EarningsResponse200
from .earnings_response_200_data import EarningsResponse200Data
from .earnings_response_200_data_data import EarningsResponse200DataData
from .earnings_response_200_data_data_response import (
    EarningsResponse200DataDataResponse,
)
from .earnings_statistics_response_200 import EarningsStatisticsResponse200
from .earnings_statistics_response_200_data import EarningsStatisticsResponse200Data
from .earnings_statistics_response_200_data_data import (
    EarningsStatisticsResponse200DataData,
)
from .earnings_statistics_response_200_data_data_response import (
    EarningsStatisticsResponse200DataDataResponse,
)
from .earnings_statistics_response_200_data_period import (
    EarningsStatisticsResponse200DataPeriod,
)
from .earnings_transactions_response_200 import EarningsTransactionsResponse200
from .earnings_transactions_response_200_data import EarningsTransactionsResponse200Data
from .earnings_transactions_response_200_data_data import (
    EarningsTransactionsResponse200DataData,
)
from .earnings_transactions_response_200_data_data_response import (
    EarningsTransactionsResponse200DataDataResponse,
)
from .earnings_transactions_response_200_data_data_response_aggregation_data import (
    EarningsTransactionsResponse200DataDataResponseAggregationData,
)
from .edit_scheduled_mass_message_body import EditScheduledMassMessageBody
from .edit_scheduled_mass_message_response_200 import (
    EditScheduledMassMessageResponse200,
)
from .edit_scheduled_mass_message_response_200_data import (
    EditScheduledMassMessageResponse200Data,
)
from .edit_scheduled_mass_message_response_200_data_data import (
    EditScheduledMassMessageResponse200DataData,
)
from .envelope import Envelope
from .erase_account_credentials_response_200 import EraseAccountCredentialsResponse200
from .erase_account_credentials_response_200_data import (
    EraseAccountCredentialsResponse200Data,
)
from .error_envelope import ErrorEnvelope
from .error_envelope_data_type_0 import ErrorEnvelopeDataType0
from .event_type_webhook import EventTypeWebhook
from .event_type_webhook_data import EventTypeWebhookData
from .event_type_webhook_data_follower import EventTypeWebhookDataFollower
from .event_type_webhook_data_message import EventTypeWebhookDataMessage
from .event_type_webhook_data_sender import EventTypeWebhookDataSender
from .event_type_webhook_data_subscriber import EventTypeWebhookDataSubscriber
from .event_type_webhook_data_test import EventTypeWebhookDataTest
from .event_type_webhook_data_tip import EventTypeWebhookDataTip
from .event_type_webhook_event_type import EventTypeWebhookEventType
from .expired_subscribers_response_200 import ExpiredSubscribersResponse200
from .expired_subscribers_response_200_data import ExpiredSubscribersResponse200Data
from .expired_subscribers_response_200_data_data import (
    ExpiredSubscribersResponse200DataData,
)
from .expired_subscribers_response_200_data_data_response import (
    ExpiredSubscribersResponse200DataDataResponse,
)
from .expired_subscribers_response_200_data_data_response_stats import (
    ExpiredSubscribersResponse200DataDataResponseStats,
)
from .fan_earnings_monthly_response_200 import FanEarningsMonthlyResponse200
from .fan_earnings_monthly_response_200_data import FanEarningsMonthlyResponse200Data
from .fan_earnings_monthly_response_200_data_data import (
    FanEarningsMonthlyResponse200DataData,
)
from .fan_earnings_stats_response_200 import FanEarningsStatsResponse200
from .fan_earnings_stats_response_200_data import FanEarningsStatsResponse200Data
from .fan_earnings_stats_response_200_data_data import (
    FanEarningsStatsResponse200DataData,
)
from .follow_response_200 import FollowResponse200
from .follow_response_200_data import FollowResponse200Data
from .follow_response_200_data_data import FollowResponse200DataData
from .followers_response_200 import FollowersResponse200
from .followers_response_200_data import FollowersResponse200Data
from .followers_response_200_data_data import FollowersResponse200DataData
from .followers_response_200_data_data_response import (
    FollowersResponse200DataDataResponse,
)
from .followers_response_200_data_data_response_aggregation_data import (
    FollowersResponse200DataDataResponseAggregationData,
)
from .followers_response_200_data_data_response_followers_item import (
    FollowersResponse200DataDataResponseFollowersItem,
)
from .following_response_200 import FollowingResponse200
from .following_response_200_data import FollowingResponse200Data
from .following_response_200_data_data import FollowingResponse200DataData
from .following_response_200_data_data_response import (
    FollowingResponse200DataDataResponse,
)
from .following_response_200_data_data_response_aggregation_data import (
    FollowingResponse200DataDataResponseAggregationData,
)
from .following_response_200_data_data_response_following_item import (
    FollowingResponse200DataDataResponseFollowingItem,
)
from .get_account_proxy_response_200 import GetAccountProxyResponse200
from .get_account_proxy_response_200_data import GetAccountProxyResponse200Data
from .get_account_proxy_response_200_data_source import (
    GetAccountProxyResponse200DataSource,
)
from .get_post_response_200 import GetPostResponse200
from .get_post_response_200_data import GetPostResponse200Data
from .get_post_response_200_data_data import GetPostResponse200DataData
from .get_webhook_response_200 import GetWebhookResponse200
from .group import Group
from .healthz_response_200 import HealthzResponse200
from .healthz_response_200_data import HealthzResponse200Data
from .healthz_response_200_data_status import HealthzResponse200DataStatus
from .hide_chat_response_200 import HideChatResponse200
from .hide_chat_response_200_data import HideChatResponse200Data
from .hide_chat_response_200_data_data import HideChatResponse200DataData
from .keep_account_credentials_body import KeepAccountCredentialsBody
from .keep_account_credentials_response_200 import KeepAccountCredentialsResponse200
from .keep_account_credentials_response_200_data import (
    KeepAccountCredentialsResponse200Data,
)
from .kept_credentials import KeptCredentials
from .like_chat_message_response_200 import LikeChatMessageResponse200
from .like_chat_message_response_200_data import LikeChatMessageResponse200Data
from .like_chat_message_response_200_data_data import LikeChatMessageResponse200DataData
from .like_chat_message_response_200_data_data_response import (
    LikeChatMessageResponse200DataDataResponse,
)
from .like_message_body import LikeMessageBody
from .like_message_response_200 import LikeMessageResponse200
from .like_message_response_200_data import LikeMessageResponse200Data
from .like_message_response_200_data_data import LikeMessageResponse200DataData
from .like_message_response_200_data_data_response import (
    LikeMessageResponse200DataDataResponse,
)
from .list_ import List
from .list_accounts_response_200 import ListAccountsResponse200
from .list_accounts_response_200_data import ListAccountsResponse200Data
from .list_automated_messages_response_200 import ListAutomatedMessagesResponse200
from .list_automated_messages_response_200_data import (
    ListAutomatedMessagesResponse200Data,
)
from .list_automated_messages_response_200_data_data import (
    ListAutomatedMessagesResponse200DataData,
)
from .list_chats_filter import ListChatsFilter
from .list_chats_response_200 import ListChatsResponse200
from .list_chats_response_200_data import ListChatsResponse200Data
from .list_chats_response_200_data_data import ListChatsResponse200DataData
from .list_chats_response_200_data_data_response import (
    ListChatsResponse200DataDataResponse,
)
from .list_chats_response_200_data_data_response_aggregation_data import (
    ListChatsResponse200DataDataResponseAggregationData,
)
from .list_chats_sort import ListChatsSort
from .list_items_response_200 import ListItemsResponse200
from .list_items_response_200_data import ListItemsResponse200Data
from .list_items_response_200_data_data import ListItemsResponse200DataData
from .list_items_response_200_data_data_response import (
    ListItemsResponse200DataDataResponse,
)
from .list_items_response_200_data_data_response_items_item import (
    ListItemsResponse200DataDataResponseItemsItem,
)
from .list_messages_response_200 import ListMessagesResponse200
from .list_messages_response_200_data import ListMessagesResponse200Data
from .list_messages_response_200_data_data import ListMessagesResponse200DataData
from .list_messages_response_200_data_data_response import (
    ListMessagesResponse200DataDataResponse,
)
from .list_posts_response_200 import ListPostsResponse200
from .list_posts_response_200_data import ListPostsResponse200Data
from .list_posts_response_200_data_data import ListPostsResponse200DataData
from .list_subscribers_response_200 import ListSubscribersResponse200
from .list_subscribers_response_200_data import ListSubscribersResponse200Data
from .list_subscribers_response_200_data_data import ListSubscribersResponse200DataData
from .list_subscribers_response_200_data_data_response import (
    ListSubscribersResponse200DataDataResponse,
)
from .list_subscribers_response_200_data_data_response_stats import (
    ListSubscribersResponse200DataDataResponseStats,
)
from .list_tracking_links_response_200 import ListTrackingLinksResponse200
from .list_tracking_links_response_200_data import ListTrackingLinksResponse200Data
from .list_tracking_links_response_200_data_data import (
    ListTrackingLinksResponse200DataData,
)
from .list_walls_alias_response_200 import ListWallsAliasResponse200
from .list_walls_alias_response_200_data import ListWallsAliasResponse200Data
from .list_walls_alias_response_200_data_data import ListWallsAliasResponse200DataData
from .list_walls_alias_response_200_data_data_response import (
    ListWallsAliasResponse200DataDataResponse,
)
from .list_walls_response_200 import ListWallsResponse200
from .list_walls_response_200_data import ListWallsResponse200Data
from .list_walls_response_200_data_data import ListWallsResponse200DataData
from .list_walls_response_200_data_data_response import (
    ListWallsResponse200DataDataResponse,
)
from .list_webhooks_response_200 import ListWebhooksResponse200
from .list_webhooks_response_200_data import ListWebhooksResponse200Data
from .lists_response_200 import ListsResponse200
from .lists_response_200_data import ListsResponse200Data
from .lists_response_200_data_data import ListsResponse200DataData
from .lists_response_200_data_data_response import ListsResponse200DataDataResponse
from .mark_chats_read_body import MarkChatsReadBody
from .mark_chats_read_response_200 import MarkChatsReadResponse200
from .mark_chats_read_response_200_data import MarkChatsReadResponse200Data
from .mark_chats_read_response_200_data_data import MarkChatsReadResponse200DataData
from .mark_vip_response_200 import MarkVipResponse200
from .mark_vip_response_200_data import MarkVipResponse200Data
from .mark_vip_response_200_data_data import MarkVipResponse200DataData
from .mass_stats_deleted_response_200 import MassStatsDeletedResponse200
from .mass_stats_deleted_response_200_data import MassStatsDeletedResponse200Data
from .mass_stats_deleted_response_200_data_data import (
    MassStatsDeletedResponse200DataData,
)
from .mass_stats_deleted_response_200_data_data_response import (
    MassStatsDeletedResponse200DataDataResponse,
)
from .mass_stats_sent_response_200 import MassStatsSentResponse200
from .mass_stats_sent_response_200_data import MassStatsSentResponse200Data
from .mass_stats_sent_response_200_data_data import MassStatsSentResponse200DataData
from .mass_stats_sent_response_200_data_data_response import (
    MassStatsSentResponse200DataDataResponse,
)
from .me_response_200 import MeResponse200
from .me_response_200_data import MeResponse200Data
from .me_response_200_data_data import MeResponse200DataData
from .me_response_200_data_data_response import MeResponse200DataDataResponse
from .media import Media
from .media_access import MediaAccess
from .media_id_item_type_1 import MediaIdItemType1
from .message import Message
from .monthly_row import MonthlyRow
from .mute_chat_body import MuteChatBody
from .mute_chat_response_200 import MuteChatResponse200
from .mute_chat_response_200_data import MuteChatResponse200Data
from .mute_chat_response_200_data_data import MuteChatResponse200DataData
from .notification import Notification
from .notifications_response_200 import NotificationsResponse200
from .notifications_response_200_data import NotificationsResponse200Data
from .notifications_response_200_data_data import NotificationsResponse200DataData
from .notifications_response_200_data_data_response import (
    NotificationsResponse200DataDataResponse,
)
from .openapi_response_200 import OpenapiResponse200
from .payload_style import PayloadStyle
from .payout_method import PayoutMethod
from .payout_methods_response_200 import PayoutMethodsResponse200
from .payout_methods_response_200_data import PayoutMethodsResponse200Data
from .payout_methods_response_200_data_data import PayoutMethodsResponse200DataData
from .payout_requests_response_200 import PayoutRequestsResponse200
from .payout_requests_response_200_data import PayoutRequestsResponse200Data
from .payout_requests_response_200_data_data import PayoutRequestsResponse200DataData
from .payout_requests_response_200_data_data_response_item import (
    PayoutRequestsResponse200DataDataResponseItem,
)
from .pin_post_body import PinPostBody
from .pin_post_response_200 import PinPostResponse200
from .pin_post_response_200_data import PinPostResponse200Data
from .pin_post_response_200_data_data import PinPostResponse200DataData
from .pin_post_response_200_data_data_response import PinPostResponse200DataDataResponse
from .post import Post
from .post_attachment import PostAttachment
from .posts_page import PostsPage
from .profile_response_200 import ProfileResponse200
from .profile_response_200_data import ProfileResponse200Data
from .profile_response_200_data_data import ProfileResponse200DataData
from .profile_response_200_data_data_response import ProfileResponse200DataDataResponse
from .profile_stats_period import ProfileStatsPeriod
from .profile_stats_response_200 import ProfileStatsResponse200
from .profile_stats_response_200_data import ProfileStatsResponse200Data
from .profile_stats_response_200_data_data import ProfileStatsResponse200DataData
from .profile_stats_response_200_data_data_response import (
    ProfileStatsResponse200DataDataResponse,
)
from .profile_stats_response_200_data_data_response_aggregation_data import (
    ProfileStatsResponse200DataDataResponseAggregationData,
)
from .profile_stats_response_200_data_data_response_dataset import (
    ProfileStatsResponse200DataDataResponseDataset,
)
from .read_receipts_body import ReadReceiptsBody
from .read_receipts_response_200 import ReadReceiptsResponse200
from .read_receipts_response_200_data import ReadReceiptsResponse200Data
from .read_receipts_response_200_data_data import ReadReceiptsResponse200DataData
from .readyz_response_200 import ReadyzResponse200
from .readyz_response_200_data import ReadyzResponse200Data
from .readyz_response_200_data_status import ReadyzResponse200DataStatus
from .reauth import Reauth
from .redeliver_webhook_response_202 import RedeliverWebhookResponse202
from .redeliver_webhook_response_202_data import RedeliverWebhookResponse202Data
from .redeliver_webhook_response_202_data_status import (
    RedeliverWebhookResponse202DataStatus,
)
from .remove_account_proxy_response_200 import RemoveAccountProxyResponse200
from .remove_account_proxy_response_200_data import RemoveAccountProxyResponse200Data
from .remove_account_proxy_response_200_data_source import (
    RemoveAccountProxyResponse200DataSource,
)
from .remove_list_member_body import RemoveListMemberBody
from .remove_list_member_response_200 import RemoveListMemberResponse200
from .remove_list_member_response_200_data import RemoveListMemberResponse200Data
from .remove_list_member_response_200_data_data import (
    RemoveListMemberResponse200DataData,
)
from .replace_webhook_body import ReplaceWebhookBody
from .replace_webhook_response_200 import ReplaceWebhookResponse200
from .request_log_method import RequestLogMethod
from .request_log_response_200 import RequestLogResponse200
from .request_log_response_200_data import RequestLogResponse200Data
from .request_log_response_200_data_logs_item import RequestLogResponse200DataLogsItem
from .rotate_webhook_secret_response_200 import RotateWebhookSecretResponse200
from .rotate_webhook_secret_response_200_data import RotateWebhookSecretResponse200Data
from .scheduled_mass_messages_response_200 import ScheduledMassMessagesResponse200
from .scheduled_mass_messages_response_200_data import (
    ScheduledMassMessagesResponse200Data,
)
from .scheduled_mass_messages_response_200_data_data import (
    ScheduledMassMessagesResponse200DataData,
)
from .scheduled_mass_messages_response_200_data_data_response import (
    ScheduledMassMessagesResponse200DataDataResponse,
)
from .scheduled_posts_response_200 import ScheduledPostsResponse200
from .scheduled_posts_response_200_data import ScheduledPostsResponse200Data
from .scheduled_posts_response_200_data_data import ScheduledPostsResponse200DataData
from .scheduled_posts_response_200_data_data_response import (
    ScheduledPostsResponse200DataDataResponse,
)
from .scheduled_posts_response_200_data_data_response_scheduled_posts_item import (
    ScheduledPostsResponse200DataDataResponseScheduledPostsItem,
)
from .search_accounts_response_200 import SearchAccountsResponse200
from .search_accounts_response_200_data import SearchAccountsResponse200Data
from .search_accounts_response_200_data_data import SearchAccountsResponse200DataData
from .search_username_response_200 import SearchUsernameResponse200
from .search_username_response_200_data import SearchUsernameResponse200Data
from .search_username_response_200_data_data import SearchUsernameResponse200DataData
from .send_mass_message_alias_body import SendMassMessageAliasBody
from .send_mass_message_alias_body_filter import SendMassMessageAliasBodyFilter
from .send_mass_message_alias_response_200 import SendMassMessageAliasResponse200
from .send_mass_message_alias_response_200_data import (
    SendMassMessageAliasResponse200Data,
)
from .send_mass_message_alias_response_200_data_data import (
    SendMassMessageAliasResponse200DataData,
)
from .send_mass_message_body import SendMassMessageBody
from .send_mass_message_response_200 import SendMassMessageResponse200
from .send_mass_message_response_200_data import SendMassMessageResponse200Data
from .send_mass_message_response_200_data_data import SendMassMessageResponse200DataData
from .send_message_response_201 import SendMessageResponse201
from .send_message_response_201_data import SendMessageResponse201Data
from .send_message_response_201_data_data import SendMessageResponse201DataData
from .send_otp_body import SendOtpBody
from .send_otp_response_201 import SendOtpResponse201
from .send_otp_response_201_data import SendOtpResponse201Data
from .send_otp_response_201_data_data import SendOtpResponse201DataData
from .send_otp_response_201_data_data_response import SendOtpResponse201DataDataResponse
from .send_otp_response_201_data_data_response_email_twofa import (
    SendOtpResponse201DataDataResponseEmailTwofa,
)
from .set_account_proxy_body import SetAccountProxyBody
from .set_account_proxy_response_200 import SetAccountProxyResponse200
from .set_account_proxy_response_200_data import SetAccountProxyResponse200Data
from .set_account_proxy_response_200_data_source import (
    SetAccountProxyResponse200DataSource,
)
from .stats_row import StatsRow
from .subscriber_row import SubscriberRow
from .subscription import Subscription
from .subscription_discounts_response_200 import SubscriptionDiscountsResponse200
from .subscription_discounts_response_200_data import (
    SubscriptionDiscountsResponse200Data,
)
from .subscription_discounts_response_200_data_data import (
    SubscriptionDiscountsResponse200DataData,
)
from .subscription_discounts_response_200_data_data_response import (
    SubscriptionDiscountsResponse200DataDataResponse,
)
from .subscription_discounts_response_200_data_data_response_discounts_item import (
    SubscriptionDiscountsResponse200DataDataResponseDiscountsItem,
)
from .subscription_tiers_response_200 import SubscriptionTiersResponse200
from .subscription_tiers_response_200_data import SubscriptionTiersResponse200Data
from .subscription_tiers_response_200_data_data import (
    SubscriptionTiersResponse200DataData,
)
from .tag_media_response_200 import TagMediaResponse200
from .tag_media_response_200_data import TagMediaResponse200Data
from .tag_media_response_200_data_data import TagMediaResponse200DataData
from .tag_media_response_200_data_data_response import (
    TagMediaResponse200DataDataResponse,
)
from .tag_media_response_200_data_data_response_aggregation_data import (
    TagMediaResponse200DataDataResponseAggregationData,
)
from .tag_media_response_200_data_data_response_media_offer_suggestions_item import (
    TagMediaResponse200DataDataResponseMediaOfferSuggestionsItem,
)
from .test_webhook_response_202 import TestWebhookResponse202
from .test_webhook_response_202_data import TestWebhookResponse202Data
from .tier import Tier
from .top_supporters_response_200 import TopSupportersResponse200
from .top_supporters_response_200_data import TopSupportersResponse200Data
from .top_supporters_response_200_data_data import TopSupportersResponse200DataData
from .top_supporters_response_200_data_data_response_item import (
    TopSupportersResponse200DataDataResponseItem,
)
from .tracking_link import TrackingLink
from .tracking_link_stats_response_200 import TrackingLinkStatsResponse200
from .tracking_link_stats_response_200_data import TrackingLinkStatsResponse200Data
from .tracking_link_stats_response_200_data_data import (
    TrackingLinkStatsResponse200DataData,
)
from .tracking_link_stats_response_200_data_data_response_item import (
    TrackingLinkStatsResponse200DataDataResponseItem,
)
from .transaction import Transaction
from .twofa_pair import TwofaPair
from .typing_body import TypingBody
from .typing_response_200 import TypingResponse200
from .typing_response_200_data import TypingResponse200Data
from .typing_response_200_data_data import TypingResponse200DataData
from .unfollow_response_200 import UnfollowResponse200
from .unfollow_response_200_data import UnfollowResponse200Data
from .unfollow_response_200_data_data import UnfollowResponse200DataData
from .unlike_message_body import UnlikeMessageBody
from .unlike_message_response_200 import UnlikeMessageResponse200
from .unlike_message_response_200_data import UnlikeMessageResponse200Data
from .unlike_message_response_200_data_data import UnlikeMessageResponse200DataData
from .unmute_chat_body import UnmuteChatBody
from .unmute_chat_response_200 import UnmuteChatResponse200
from .unmute_chat_response_200_data import UnmuteChatResponse200Data
from .unmute_chat_response_200_data_data import UnmuteChatResponse200DataData
from .unread_chats_response_200 import UnreadChatsResponse200
from .unread_chats_response_200_data import UnreadChatsResponse200Data
from .unread_chats_response_200_data_data import UnreadChatsResponse200DataData
from .unread_chats_response_200_data_data_response import (
    UnreadChatsResponse200DataDataResponse,
)
from .unread_chats_response_200_data_data_response_aggregation_data import (
    UnreadChatsResponse200DataDataResponseAggregationData,
)
from .unread_chats_response_200_data_data_response_data_item import (
    UnreadChatsResponse200DataDataResponseDataItem,
)
from .update_post_body import UpdatePostBody
from .update_post_body_attachments_item import UpdatePostBodyAttachmentsItem
from .update_post_body_pinned_type_1 import UpdatePostBodyPinnedType1
from .update_post_response_200 import UpdatePostResponse200
from .update_post_response_200_data import UpdatePostResponse200Data
from .update_post_response_200_data_data import UpdatePostResponse200DataData
from .update_tracking_link_body import UpdateTrackingLinkBody
from .update_tracking_link_response_200 import UpdateTrackingLinkResponse200
from .update_tracking_link_response_200_data import UpdateTrackingLinkResponse200Data
from .update_tracking_link_response_200_data_data import (
    UpdateTrackingLinkResponse200DataData,
)
from .update_webhook_body import UpdateWebhookBody
from .update_webhook_response_200 import UpdateWebhookResponse200
from .upload_job import UploadJob
from .upload_job_result_type_0 import UploadJobResultType0
from .upload_job_state import UploadJobState
from .upload_media_body import UploadMediaBody
from .upload_media_response_202 import UploadMediaResponse202
from .upload_media_response_202_data import UploadMediaResponse202Data
from .upload_status_response_200 import UploadStatusResponse200
from .usage_response_200 import UsageResponse200
from .usage_response_200_data import UsageResponse200Data
from .usage_response_200_data_credits import UsageResponse200DataCredits
from .usage_response_200_data_period import UsageResponse200DataPeriod
from .usage_response_200_data_plan import UsageResponse200DataPlan
from .usage_response_200_data_rate_limit import UsageResponse200DataRateLimit
from .vault_album_media_response_200 import VaultAlbumMediaResponse200
from .vault_album_media_response_200_data import VaultAlbumMediaResponse200Data
from .vault_album_media_response_200_data_data import VaultAlbumMediaResponse200DataData
from .vault_album_media_response_200_data_data_response import (
    VaultAlbumMediaResponse200DataDataResponse,
)
from .vault_albums_response_200 import VaultAlbumsResponse200
from .vault_albums_response_200_data import VaultAlbumsResponse200Data
from .vault_albums_response_200_data_data import VaultAlbumsResponse200DataData
from .vault_albums_response_200_data_data_response import (
    VaultAlbumsResponse200DataDataResponse,
)
from .vault_albums_response_200_data_data_response_aggregation_data import (
    VaultAlbumsResponse200DataDataResponseAggregationData,
)
from .vault_row import VaultRow
from .verify_2_fa_body import Verify2FaBody
from .verify_2_fa_response_200 import Verify2FaResponse200
from .verify_2_fa_response_200_data import Verify2FaResponse200Data
from .verify_2_fa_response_200_data_data import Verify2FaResponse200DataData
from .verify_2_fa_response_200_data_data_response import (
    Verify2FaResponse200DataDataResponse,
)
from .verify_otp_body import VerifyOtpBody
from .verify_otp_response_201 import VerifyOtpResponse201
from .verify_otp_response_201_data import VerifyOtpResponse201Data
from .verify_otp_response_201_data_data import VerifyOtpResponse201DataData
from .verify_otp_response_201_data_data_response import (
    VerifyOtpResponse201DataDataResponse,
)
from .wall import Wall
from .wall_posts_response_200 import WallPostsResponse200
from .wall_posts_response_200_data import WallPostsResponse200Data
from .wall_posts_response_200_data_data import WallPostsResponse200DataData
from .wall_posts_response_200_data_data_response import (
    WallPostsResponse200DataDataResponse,
)
from .webhook_deliveries_response_200 import WebhookDeliveriesResponse200
from .webhook_deliveries_response_200_data import WebhookDeliveriesResponse200Data
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_status import WebhookDeliveryStatus
from .webhook_endpoint import WebhookEndpoint
from .webhook_event import WebhookEvent

__all__ = (
    "AccessRule",
    "AccessTypeType0",
    "AccessTypeType1Item",
    "Account",
    "AccountAvatarType0",
    "AccountBannerType0",
    "AccountMedia",
    "AccountResponse200",
    "AccountResponse200Data",
    "AccountResponse200DataData",
    "AccountResponse200DataDataResponse",
    "AccountTimelineStats",
    "AccountsByIdsResponse200",
    "AccountsByIdsResponse200Data",
    "AccountsByIdsResponse200DataData",
    "ActiveSubscribersResponse200",
    "ActiveSubscribersResponse200Data",
    "ActiveSubscribersResponse200DataData",
    "ActiveSubscribersResponse200DataDataResponse",
    "ActiveSubscribersResponse200DataDataResponseStats",
    "AddListMemberBody",
    "AddListMemberResponse200",
    "AddListMemberResponse200Data",
    "AddListMemberResponse200DataData",
    "AddPayoutMethodBody",
    "AddPayoutMethodBodyMetadataType1",
    "AddPayoutMethodResponse200",
    "AddPayoutMethodResponse200Data",
    "AddPayoutMethodResponse200DataData",
    "Album",
    "Attachment",
    "AutomatedMessage",
    "AutomatedMessageMessageTemplate",
    "BalanceResponse200",
    "BalanceResponse200Data",
    "BalanceResponse200DataData",
    "BalanceResponse200DataDataResponse",
    "BalanceResponse200DataDataResponseWalletsItem",
    "Broadcast",
    "BroadcastStats",
    "CancelScheduledPostResponse200",
    "CancelScheduledPostResponse200Data",
    "CancelScheduledPostResponse200DataData",
    "Chat",
    "ChatMediaStatsResponse200",
    "ChatMediaStatsResponse200Data",
    "ChatMediaStatsResponse200DataData",
    "ChatMediaStatsResponse200DataDataResponse",
    "ChatMediaStatsResponse200DataDataResponseAggregationData",
    "ChatMediaStatsResponse200DataDataResponseDataItem",
    "ChatTipsResponse200",
    "ChatTipsResponse200Data",
    "ChatTipsResponse200DataData",
    "ChatTipsResponse200DataDataResponse",
    "ChatTipsResponse200DataDataResponseAggregationData",
    "ConnectBody",
    "ConnectResponse200",
    "ConnectResponse200DataType0",
    "ConnectResponse200DataType0Data",
    "ConnectResponse200DataType0DataResponse",
    "ConnectResponse200DataType1",
    "ConnectedAccount",
    "ConnectedAccountStatus",
    "CreateAutomatedMessageBody",
    "CreateAutomatedMessageBodyTriggerTypeType0",
    "CreateAutomatedMessageResponse200",
    "CreateAutomatedMessageResponse200Data",
    "CreateAutomatedMessageResponse200DataData",
    "CreateGroupBody",
    "CreateGroupBodyRecipientsItem",
    "CreateGroupBodyUsersItem",
    "CreateGroupResponse200",
    "CreateGroupResponse200Data",
    "CreateGroupResponse200DataData",
    "CreateListBody",
    "CreateListResponse200",
    "CreateListResponse200Data",
    "CreateListResponse200DataData",
    "CreatePostBody",
    "CreatePostBodyAttachmentsItem",
    "CreatePostBodyPinnedType1",
    "CreatePostResponse201",
    "CreatePostResponse201Data",
    "CreatePostResponse201DataData",
    "CreateWebhookBody",
    "CreateWebhookResponse201",
    "CreateWebhookResponse201Data",
    "DeleteAutomatedMessageResponse200",
    "DeleteAutomatedMessageResponse200Data",
    "DeleteAutomatedMessageResponse200DataData",
    "DeleteMessageResponse200",
    "DeleteMessageResponse200Data",
    "DeleteMessageResponse200DataData",
    "DeletePayoutMethodBody",
    "DeletePayoutMethodResponse200",
    "DeletePayoutMethodResponse200Data",
    "DeletePayoutMethodResponse200DataData",
    "DeletePostResponse200",
    "DeletePostResponse200Data",
    "DeletePostResponse200DataData",
    "DeleteWebhookResponse200",
    "DeleteWebhookResponse200Data",
    "DisconnectAccountResponse200",
    "DisconnectAccountResponse200Data",
    "DownloadAccountMediaBody",
    "DownloadMediaBody",
    "EarningsMonthlyResponse200",
    "EarningsMonthlyResponse200Data",
    "EarningsMonthlyResponse200DataData",
    "EarningsResponse200",
    "EarningsResponse200Data",
    "EarningsResponse200DataData",
    "EarningsResponse200DataDataResponse",
    "EarningsStatisticsResponse200",
    "EarningsStatisticsResponse200Data",
    "EarningsStatisticsResponse200DataData",
    "EarningsStatisticsResponse200DataDataResponse",
    "EarningsStatisticsResponse200DataPeriod",
    "EarningsTransactionsResponse200",
    "EarningsTransactionsResponse200Data",
    "EarningsTransactionsResponse200DataData",
    "EarningsTransactionsResponse200DataDataResponse",
    "EarningsTransactionsResponse200DataDataResponseAggregationData",
    "EditScheduledMassMessageBody",
    "EditScheduledMassMessageResponse200",
    "EditScheduledMassMessageResponse200Data",
    "EditScheduledMassMessageResponse200DataData",
    "Envelope",
    "EraseAccountCredentialsResponse200",
    "EraseAccountCredentialsResponse200Data",
    "ErrorEnvelope",
    "ErrorEnvelopeDataType0",
    "EventTypeWebhook",
    "EventTypeWebhookData",
    "EventTypeWebhookDataFollower",
    "EventTypeWebhookDataMessage",
    "EventTypeWebhookDataSender",
    "EventTypeWebhookDataSubscriber",
    "EventTypeWebhookDataTest",
    "EventTypeWebhookDataTip",
    "EventTypeWebhookEventType",
    "ExpiredSubscribersResponse200",
    "ExpiredSubscribersResponse200Data",
    "ExpiredSubscribersResponse200DataData",
    "ExpiredSubscribersResponse200DataDataResponse",
    "ExpiredSubscribersResponse200DataDataResponseStats",
    "FanEarningsMonthlyResponse200",
    "FanEarningsMonthlyResponse200Data",
    "FanEarningsMonthlyResponse200DataData",
    "FanEarningsStatsResponse200",
    "FanEarningsStatsResponse200Data",
    "FanEarningsStatsResponse200DataData",
    "FollowResponse200",
    "FollowResponse200Data",
    "FollowResponse200DataData",
    "FollowersResponse200",
    "FollowersResponse200Data",
    "FollowersResponse200DataData",
    "FollowersResponse200DataDataResponse",
    "FollowersResponse200DataDataResponseAggregationData",
    "FollowersResponse200DataDataResponseFollowersItem",
    "FollowingResponse200",
    "FollowingResponse200Data",
    "FollowingResponse200DataData",
    "FollowingResponse200DataDataResponse",
    "FollowingResponse200DataDataResponseAggregationData",
    "FollowingResponse200DataDataResponseFollowingItem",
    "GetAccountProxyResponse200",
    "GetAccountProxyResponse200Data",
    "GetAccountProxyResponse200DataSource",
    "GetPostResponse200",
    "GetPostResponse200Data",
    "GetPostResponse200DataData",
    "GetWebhookResponse200",
    "Group",
    "HealthzResponse200",
    "HealthzResponse200Data",
    "HealthzResponse200DataStatus",
    "HideChatResponse200",
    "HideChatResponse200Data",
    "HideChatResponse200DataData",
    "KeepAccountCredentialsBody",
    "KeepAccountCredentialsResponse200",
    "KeepAccountCredentialsResponse200Data",
    "KeptCredentials",
    "LikeChatMessageResponse200",
    "LikeChatMessageResponse200Data",
    "LikeChatMessageResponse200DataData",
    "LikeChatMessageResponse200DataDataResponse",
    "LikeMessageBody",
    "LikeMessageResponse200",
    "LikeMessageResponse200Data",
    "LikeMessageResponse200DataData",
    "LikeMessageResponse200DataDataResponse",
    "List",
    "ListAccountsResponse200",
    "ListAccountsResponse200Data",
    "ListAutomatedMessagesResponse200",
    "ListAutomatedMessagesResponse200Data",
    "ListAutomatedMessagesResponse200DataData",
    "ListChatsFilter",
    "ListChatsResponse200",
    "ListChatsResponse200Data",
    "ListChatsResponse200DataData",
    "ListChatsResponse200DataDataResponse",
    "ListChatsResponse200DataDataResponseAggregationData",
    "ListChatsSort",
    "ListItemsResponse200",
    "ListItemsResponse200Data",
    "ListItemsResponse200DataData",
    "ListItemsResponse200DataDataResponse",
    "ListItemsResponse200DataDataResponseItemsItem",
    "ListMessagesResponse200",
    "ListMessagesResponse200Data",
    "ListMessagesResponse200DataData",
    "ListMessagesResponse200DataDataResponse",
    "ListPostsResponse200",
    "ListPostsResponse200Data",
    "ListPostsResponse200DataData",
    "ListSubscribersResponse200",
    "ListSubscribersResponse200Data",
    "ListSubscribersResponse200DataData",
    "ListSubscribersResponse200DataDataResponse",
    "ListSubscribersResponse200DataDataResponseStats",
    "ListTrackingLinksResponse200",
    "ListTrackingLinksResponse200Data",
    "ListTrackingLinksResponse200DataData",
    "ListWallsAliasResponse200",
    "ListWallsAliasResponse200Data",
    "ListWallsAliasResponse200DataData",
    "ListWallsAliasResponse200DataDataResponse",
    "ListWallsResponse200",
    "ListWallsResponse200Data",
    "ListWallsResponse200DataData",
    "ListWallsResponse200DataDataResponse",
    "ListWebhooksResponse200",
    "ListWebhooksResponse200Data",
    "ListsResponse200",
    "ListsResponse200Data",
    "ListsResponse200DataData",
    "ListsResponse200DataDataResponse",
    "MarkChatsReadBody",
    "MarkChatsReadResponse200",
    "MarkChatsReadResponse200Data",
    "MarkChatsReadResponse200DataData",
    "MarkVipResponse200",
    "MarkVipResponse200Data",
    "MarkVipResponse200DataData",
    "MassStatsDeletedResponse200",
    "MassStatsDeletedResponse200Data",
    "MassStatsDeletedResponse200DataData",
    "MassStatsDeletedResponse200DataDataResponse",
    "MassStatsSentResponse200",
    "MassStatsSentResponse200Data",
    "MassStatsSentResponse200DataData",
    "MassStatsSentResponse200DataDataResponse",
    "MeResponse200",
    "MeResponse200Data",
    "MeResponse200DataData",
    "MeResponse200DataDataResponse",
    "Media",
    "MediaAccess",
    "MediaIdItemType1",
    "Message",
    "MonthlyRow",
    "MuteChatBody",
    "MuteChatResponse200",
    "MuteChatResponse200Data",
    "MuteChatResponse200DataData",
    "Notification",
    "NotificationsResponse200",
    "NotificationsResponse200Data",
    "NotificationsResponse200DataData",
    "NotificationsResponse200DataDataResponse",
    "OpenapiResponse200",
    "PayloadStyle",
    "PayoutMethod",
    "PayoutMethodsResponse200",
    "PayoutMethodsResponse200Data",
    "PayoutMethodsResponse200DataData",
    "PayoutRequestsResponse200",
    "PayoutRequestsResponse200Data",
    "PayoutRequestsResponse200DataData",
    "PayoutRequestsResponse200DataDataResponseItem",
    "PinPostBody",
    "PinPostResponse200",
    "PinPostResponse200Data",
    "PinPostResponse200DataData",
    "PinPostResponse200DataDataResponse",
    "Post",
    "PostAttachment",
    "PostsPage",
    "ProfileResponse200",
    "ProfileResponse200Data",
    "ProfileResponse200DataData",
    "ProfileResponse200DataDataResponse",
    "ProfileStatsPeriod",
    "ProfileStatsResponse200",
    "ProfileStatsResponse200Data",
    "ProfileStatsResponse200DataData",
    "ProfileStatsResponse200DataDataResponse",
    "ProfileStatsResponse200DataDataResponseAggregationData",
    "ProfileStatsResponse200DataDataResponseDataset",
    "ReadReceiptsBody",
    "ReadReceiptsResponse200",
    "ReadReceiptsResponse200Data",
    "ReadReceiptsResponse200DataData",
    "ReadyzResponse200",
    "ReadyzResponse200Data",
    "ReadyzResponse200DataStatus",
    "Reauth",
    "RedeliverWebhookResponse202",
    "RedeliverWebhookResponse202Data",
    "RedeliverWebhookResponse202DataStatus",
    "RemoveAccountProxyResponse200",
    "RemoveAccountProxyResponse200Data",
    "RemoveAccountProxyResponse200DataSource",
    "RemoveListMemberBody",
    "RemoveListMemberResponse200",
    "RemoveListMemberResponse200Data",
    "RemoveListMemberResponse200DataData",
    "ReplaceWebhookBody",
    "ReplaceWebhookResponse200",
    "RequestLogMethod",
    "RequestLogResponse200",
    "RequestLogResponse200Data",
    "RequestLogResponse200DataLogsItem",
    "RotateWebhookSecretResponse200",
    "RotateWebhookSecretResponse200Data",
    "ScheduledMassMessagesResponse200",
    "ScheduledMassMessagesResponse200Data",
    "ScheduledMassMessagesResponse200DataData",
    "ScheduledMassMessagesResponse200DataDataResponse",
    "ScheduledPostsResponse200",
    "ScheduledPostsResponse200Data",
    "ScheduledPostsResponse200DataData",
    "ScheduledPostsResponse200DataDataResponse",
    "ScheduledPostsResponse200DataDataResponseScheduledPostsItem",
    "SearchAccountsResponse200",
    "SearchAccountsResponse200Data",
    "SearchAccountsResponse200DataData",
    "SearchUsernameResponse200",
    "SearchUsernameResponse200Data",
    "SearchUsernameResponse200DataData",
    "SendMassMessageAliasBody",
    "SendMassMessageAliasBodyFilter",
    "SendMassMessageAliasResponse200",
    "SendMassMessageAliasResponse200Data",
    "SendMassMessageAliasResponse200DataData",
    "SendMassMessageBody",
    "SendMassMessageResponse200",
    "SendMassMessageResponse200Data",
    "SendMassMessageResponse200DataData",
    "SendMessageResponse201",
    "SendMessageResponse201Data",
    "SendMessageResponse201DataData",
    "SendOtpBody",
    "SendOtpResponse201",
    "SendOtpResponse201Data",
    "SendOtpResponse201DataData",
    "SendOtpResponse201DataDataResponse",
    "SendOtpResponse201DataDataResponseEmailTwofa",
    "SetAccountProxyBody",
    "SetAccountProxyResponse200",
    "SetAccountProxyResponse200Data",
    "SetAccountProxyResponse200DataSource",
    "StatsRow",
    "SubscriberRow",
    "Subscription",
    "SubscriptionDiscountsResponse200",
    "SubscriptionDiscountsResponse200Data",
    "SubscriptionDiscountsResponse200DataData",
    "SubscriptionDiscountsResponse200DataDataResponse",
    "SubscriptionDiscountsResponse200DataDataResponseDiscountsItem",
    "SubscriptionTiersResponse200",
    "SubscriptionTiersResponse200Data",
    "SubscriptionTiersResponse200DataData",
    "TagMediaResponse200",
    "TagMediaResponse200Data",
    "TagMediaResponse200DataData",
    "TagMediaResponse200DataDataResponse",
    "TagMediaResponse200DataDataResponseAggregationData",
    "TagMediaResponse200DataDataResponseMediaOfferSuggestionsItem",
    "TestWebhookResponse202",
    "TestWebhookResponse202Data",
    "Tier",
    "TopSupportersResponse200",
    "TopSupportersResponse200Data",
    "TopSupportersResponse200DataData",
    "TopSupportersResponse200DataDataResponseItem",
    "TrackingLink",
    "TrackingLinkStatsResponse200",
    "TrackingLinkStatsResponse200Data",
    "TrackingLinkStatsResponse200DataData",
    "TrackingLinkStatsResponse200DataDataResponseItem",
    "Transaction",
    "TwofaPair",
    "TypingBody",
    "TypingResponse200",
    "TypingResponse200Data",
    "TypingResponse200DataData",
    "UnfollowResponse200",
    "UnfollowResponse200Data",
    "UnfollowResponse200DataData",
    "UnlikeMessageBody",
    "UnlikeMessageResponse200",
    "UnlikeMessageResponse200Data",
    "UnlikeMessageResponse200DataData",
    "UnmuteChatBody",
    "UnmuteChatResponse200",
    "UnmuteChatResponse200Data",
    "UnmuteChatResponse200DataData",
    "UnreadChatsResponse200",
    "UnreadChatsResponse200Data",
    "UnreadChatsResponse200DataData",
    "UnreadChatsResponse200DataDataResponse",
    "UnreadChatsResponse200DataDataResponseAggregationData",
    "UnreadChatsResponse200DataDataResponseDataItem",
    "UpdatePostBody",
    "UpdatePostBodyAttachmentsItem",
    "UpdatePostBodyPinnedType1",
    "UpdatePostResponse200",
    "UpdatePostResponse200Data",
    "UpdatePostResponse200DataData",
    "UpdateTrackingLinkBody",
    "UpdateTrackingLinkResponse200",
    "UpdateTrackingLinkResponse200Data",
    "UpdateTrackingLinkResponse200DataData",
    "UpdateWebhookBody",
    "UpdateWebhookResponse200",
    "UploadJob",
    "UploadJobResultType0",
    "UploadJobState",
    "UploadMediaBody",
    "UploadMediaResponse202",
    "UploadMediaResponse202Data",
    "UploadStatusResponse200",
    "UsageResponse200",
    "UsageResponse200Data",
    "UsageResponse200DataCredits",
    "UsageResponse200DataPeriod",
    "UsageResponse200DataPlan",
    "UsageResponse200DataRateLimit",
    "VaultAlbumMediaResponse200",
    "VaultAlbumMediaResponse200Data",
    "VaultAlbumMediaResponse200DataData",
    "VaultAlbumMediaResponse200DataDataResponse",
    "VaultAlbumsResponse200",
    "VaultAlbumsResponse200Data",
    "VaultAlbumsResponse200DataData",
    "VaultAlbumsResponse200DataDataResponse",
    "VaultAlbumsResponse200DataDataResponseAggregationData",
    "VaultRow",
    "Verify2FaBody",
    "Verify2FaResponse200",
    "Verify2FaResponse200Data",
    "Verify2FaResponse200DataData",
    "Verify2FaResponse200DataDataResponse",
    "VerifyOtpBody",
    "VerifyOtpResponse201",
    "VerifyOtpResponse201Data",
    "VerifyOtpResponse201DataData",
    "VerifyOtpResponse201DataDataResponse",
    "Wall",
    "WallPostsResponse200",
    "WallPostsResponse200Data",
    "WallPostsResponse200DataData",
    "WallPostsResponse200DataDataResponse",
    "WebhookDeliveriesResponse200",
    "WebhookDeliveriesResponse200Data",
    "WebhookDelivery",
    "WebhookDeliveryStatus",
    "WebhookEndpoint",
    "WebhookEvent",
)
